// The Responses API provider against the scripted real-HTTP server (event-named SSE).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { ModelServer } from '../../../fixtures/modelServer';
import { responsesFailed, responsesStream, responsesText } from '../../../fixtures/responsesReplies';
import { ResponsesProvider } from '../../../../src/core/llm/responses';
import { LlmError } from '../../../../src/core/llm/errors';
import { StreamInterruptedError, type ModelRequest } from '../../../../src/core/llm/provider';
import { harness, ofType } from '../agent/harness';
import { tempWorkspace } from '../agent/testTools';

const RESP = '/v1/responses';
const request: ModelRequest = {
  model: 'test-model',
  system: 'Be terse.',
  messages: [
    { role: 'user', content: 'read a' },
    { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' }] },
    { role: 'tool', toolCallId: 'call_1', name: 'read_file', content: 'alpha' },
  ],
  tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
};

describe('ResponsesProvider', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await ModelServer.start();
  });
  afterEach(() => server.close());
  const provider = (idleTimeoutMs?: number) => new ResponsesProvider({ baseUrl: server.url }, { idleTimeoutMs });

  it('streams text and maps the conversation to instructions, input items and flat function tools', async () => {
    server.enqueue(RESP, responsesText('It says alpha.', { usage: { prompt_tokens: 30, completion_tokens: 4 } }));
    const deltas: string[] = [];
    const res = await provider().stream(request, new AbortController().signal, (t) => deltas.push(t));
    assert.equal(res.text, 'It says alpha.');
    assert.ok(deltas.length > 1);
    assert.equal(res.finishReason, 'stop');
    assert.deepEqual(res.usage, { inputTokens: 30, outputTokens: 4 });
    const body = server.requestsTo(RESP)[0].body;
    assert.equal(body.instructions, 'Be terse.');
    assert.equal(body.store, false);
    assert.deepEqual(body.input, [
      { role: 'user', content: 'read a' },
      { role: 'assistant', content: 'Reading.' },
      { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'alpha' },
    ]);
    assert.deepEqual(body.tools[0], { type: 'function', name: 'read_file', description: 'Reads', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false });
  });

  it('assembles function calls whose arguments arrive in pieces', async () => {
    server.enqueue(RESP, responsesStream([{ id: 'c1', name: 'read_file', arguments: { path: 'src/some/file.ts' } }, { id: 'c2', name: 'read_file', arguments: { path: 'b' } }], { text: 'Looking.' }));
    const res = await provider().stream(request, new AbortController().signal, () => {});
    assert.equal(res.text, 'Looking.');
    assert.equal(res.finishReason, 'tool_calls');
    assert.deepEqual(res.toolCalls.map((c) => [c.id, c.name, JSON.parse(c.arguments)]), [
      ['c1', 'read_file', { path: 'src/some/file.ts' }],
      ['c2', 'read_file', { path: 'b' }],
    ]);
  });

  it('a stream cut mid function call fails and yields no call', async () => {
    const r = responsesStream([{ id: 'c1', name: 'write_file', arguments: { path: 'a', content: 'x'.repeat(60) } }]);
    server.enqueue(RESP, { ...r, cutAfter: 4 } as typeof r);
    await assert.rejects(provider().stream(request, new AbortController().signal, () => {}), (e) => e instanceof StreamInterruptedError);
  });

  it('a stream that ends without response.completed is not a complete answer', async () => {
    server.enqueue(RESP, responsesStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a' } }], { omitCompleted: true }));
    await assert.rejects(provider().stream(request, new AbortController().signal, () => {}), (e) => e instanceof StreamInterruptedError);
  });

  it('response.failed becomes a server error', async () => {
    server.enqueue(RESP, responsesFailed('The model crashed'));
    await assert.rejects(provider().stream(request, new AbortController().signal, () => {}), (e) => e instanceof LlmError && e.kind === 'server' && /crashed/.test(e.detail ?? ''));
  });

  it('a stalled stream times out', async () => {
    server.enqueue(RESP, responsesText('stalls here', { stallAfter: 3 }));
    await assert.rejects(provider(100).stream(request, new AbortController().signal, () => {}), (e) => e instanceof LlmError && e.kind === 'timeout');
  });

  it('drives the agent loop: a tool call, its output sent back as function_call_output, then the answer', async () => {
    const root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    try {
      server.enqueue(RESP, responsesStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]), responsesText('It says alpha.'));
      const h = harness(server, root, { provider: new ResponsesProvider({ baseUrl: server.url }) });
      const r = await h.run('what does a.txt say?');
      assert.equal(r.reason, 'answer');
      assert.equal(ofType(h.events, 'toolCallFinished')[0].output, 'alpha\n');
      const second = server.requestsTo(RESP)[1].body;
      assert.deepEqual(second.input.at(-1), { type: 'function_call_output', call_id: 'c1', output: 'alpha\n' });
      assert.equal(second.instructions, server.requestsTo(RESP)[0].body.instructions);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
