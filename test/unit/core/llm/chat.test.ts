// Chat Completions streaming against the scripted real-HTTP server: text and tool-call deltas,
// usage, cut and stalled streams, cancellation.
import { strict as assert } from 'node:assert';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { ChatProvider } from '../../../../src/core/llm/chat';
import { LlmError } from '../../../../src/core/llm/errors';
import { StreamInterruptedError, type ModelRequest } from '../../../../src/core/llm/provider';

const CHAT = '/v1/chat/completions';
const request: ModelRequest = {
  model: 'test-model',
  system: 'You are terse.',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
};

describe('ChatProvider', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await ModelServer.start();
  });
  afterEach(() => server.close());
  const provider = (idleTimeoutMs?: number) => new ChatProvider({ baseUrl: server.url, apiKey: 'sk-test' }, { idleTimeoutMs });

  it('streams text deltas in order and captures usage', async () => {
    server.enqueue(CHAT, chatStream('Hello, world!', { usage: { prompt_tokens: 12, completion_tokens: 4 } }));
    const deltas: string[] = [];
    const res = await provider().stream(request, new AbortController().signal, (t) => deltas.push(t));
    assert.equal(res.text, 'Hello, world!');
    assert.equal(deltas.join(''), 'Hello, world!');
    assert.ok(deltas.length > 1);
    assert.deepEqual(res.usage, { inputTokens: 12, outputTokens: 4 });
    assert.equal(res.finishReason, 'stop');
    const body = server.requestsTo(CHAT)[0].body;
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.messages[0].role, 'system');
    assert.equal(body.tools[0].function.name, 'read_file');
  });

  it('tolerates servers that send no usage', async () => {
    server.enqueue(CHAT, chatStream('ok'));
    const res = await provider().stream(request, new AbortController().signal, () => {});
    assert.equal(res.usage, undefined);
  });

  it('assembles tool calls whose arguments arrive in pieces, several calls by index', async () => {
    server.enqueue(CHAT, chatToolCallStream([
      { id: 'c1', name: 'read_file', arguments: { path: 'a.ts' } },
      { id: 'c2', name: 'read_file', arguments: { path: 'some/longer/path/b.ts' } },
    ], { text: 'Let me look.' }));
    const res = await provider().stream(request, new AbortController().signal, () => {});
    assert.equal(res.text, 'Let me look.');
    assert.deepEqual(res.toolCalls.map((c) => [c.id, c.name, JSON.parse(c.arguments)]), [
      ['c1', 'read_file', { path: 'a.ts' }],
      ['c2', 'read_file', { path: 'some/longer/path/b.ts' }],
    ]);
    assert.equal(res.finishReason, 'tool_calls');
  });

  it('maps the conversation with tool calls and results onto the wire', async () => {
    server.enqueue(CHAT, chatStream('done'));
    await provider().stream({
      ...request,
      messages: [
        { role: 'user', content: 'read a' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }] },
        { role: 'tool', toolCallId: 'c1', name: 'read_file', content: '1: x' },
      ],
    }, new AbortController().signal, () => {});
    const msgs = server.requestsTo(CHAT)[0].body.messages;
    assert.deepEqual(msgs.slice(2), [
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '1: x' },
    ]);
  });

  it('a stream cut mid tool call fails and returns no partial call', async () => {
    const reply = chatToolCallStream([{ id: 'c1', name: 'write_file', arguments: { path: 'a.ts', content: 'x'.repeat(90) } }]);
    server.enqueue(CHAT, { ...reply, cutAfter: 3 } as typeof reply);
    await assert.rejects(provider().stream(request, new AbortController().signal, () => {}), (e) => e instanceof StreamInterruptedError);
  });

  it('a stream that ends cleanly without finish_reason is not a complete answer', async () => {
    const reply = chatStream('partial answer');
    if (reply.kind !== 'stream') throw new Error('unexpected');
    server.enqueue(CHAT, { ...reply, events: reply.events.slice(0, -1) });
    const deltas: string[] = [];
    await assert.rejects(provider().stream(request, new AbortController().signal, (t) => deltas.push(t)), (e) => e instanceof StreamInterruptedError);
    assert.equal(deltas.join(''), 'partial answer');
  });

  it('a stalled stream fails with a timeout and hangs up the request', async () => {
    server.enqueue(CHAT, chatStream('never finishes', { stallAfter: 2 }));
    await assert.rejects(provider(150).stream(request, new AbortController().signal, () => {}), (e) => e instanceof LlmError && e.kind === 'timeout');
    await server.waitForDisconnect(server.requestsTo(CHAT)[0]);
  });

  it('cancellation aborts the HTTP request and rejects as aborted', async () => {
    server.enqueue(CHAT, chatStream('slow', { stallAfter: 1 }));
    const ac = new AbortController();
    const p = provider().stream(request, ac.signal, () => {});
    const [req] = await server.waitForRequests(1, CHAT);
    ac.abort();
    await assert.rejects(p, (e) => e instanceof LlmError && e.kind === 'aborted');
    await server.waitForDisconnect(req);
  });

  it('classifies HTTP errors with Retry-After', async () => {
    server.enqueue(CHAT, httpError(429, 'slow down', { 'retry-after': '3' }));
    await assert.rejects(provider().stream(request, new AbortController().signal, () => {}), (e) => e instanceof LlmError && e.kind === 'rateLimited' && e.retryAfterMs === 3000);
  });

  it('drops stream_options for servers that reject it, and remembers', async () => {
    server.enqueue(CHAT, httpError(400, "Unrecognized request argument supplied: stream_options"), chatStream('one'), chatStream('two'));
    const p = provider();
    assert.equal((await p.stream(request, new AbortController().signal, () => {})).text, 'one');
    assert.equal((await p.stream(request, new AbortController().signal, () => {})).text, 'two');
    const bodies = server.requestsTo(CHAT).map((r) => r.body.stream_options);
    assert.deepEqual(bodies, [{ include_usage: true }, undefined, undefined]);
  });
});
