// Context that lasts (issue 13.6), against the scripted model server over real HTTP: a server that
// refuses a request as too long (every phrasing servers use) gets one compaction and one retry, or
// a clear error that says what to do; huge tool arguments and results leave the history once acted on.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Reply } from '../../../fixtures/modelServer';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { SUMMARY_HEADER, SUMMARY_PROMPT } from '../../../../src/core/agent/compaction';
import { Session } from '../../../../src/core/agent/session';
import { elideActedOn } from '../../../../src/core/agent/elision';
import type { Message } from '../../../../src/core/llm/provider';
import { CHAT, harness, ofType } from './harness';
import { useServerAndWorkspace } from './testTools';

type WireMessage = { role: string; content: string | null; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> };
const isSummaryRequest = (body: { messages: WireMessage[] }) => body.messages.at(-1)?.content === SUMMARY_PROMPT;

/** The refusals real servers send for a prompt over the window. */
const REFUSALS: Array<[string, Reply]> = [
  ['OpenAI code only', httpError(400, 'Input tokens exceed the configured limit of 272000 tokens.', undefined, 'context_length_exceeded')],
  ['OpenAI message', httpError(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130001 tokens.")],
  ['OpenAI Responses', httpError(400, 'Your input exceeds the context window of this model. Please adjust your input and try again.')],
  // vLLM sends its error at the top level, not under "error".
  ['vLLM', { kind: 'json', status: 400, body: { object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion).", type: 'BadRequestError', param: null, code: 400 } }],
  ['FastAPI detail', { kind: 'json', status: 400, body: { detail: 'Input is too long for this model: 9000 tokens > 8192.' } }],
  ['llama.cpp', { kind: 'json', status: 400, body: { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 9000, n_ctx: 4096 } } }],
  ['llama.cpp type only', { kind: 'json', status: 400, body: { error: { code: 400, message: 'request rejected', type: 'exceed_context_size_error' } } }],
  ['Ollama', httpError(400, 'prompt too long; exceeded max context length by 812 tokens')],
  ['TGI', httpError(422, 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 1000 `max_new_tokens`')],
  ['413 payload', httpError(413, 'Prompt is too long for this model.')],
];

/** Every tool message answers a call made by the assistant message group right before it. */
function assertPairing(messages: WireMessage[]): void {
  const open = new Set<string>();
  for (const m of messages) {
    if (m.role === 'assistant') {
      assert.equal(open.size, 0, 'a call was left without its result');
      for (const c of m.tool_calls ?? []) open.add(c.id);
    } else if (m.role === 'tool') {
      assert.ok(m.tool_call_id && open.delete(m.tool_call_id), `result ${m.tool_call_id} has no call before it`);
    } else assert.equal(open.size, 0, 'a call was left without its result');
  }
}

describe('context overflow: compact once and retry, or say what to do', () => {
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n', 'src/keep.txt': 'k\n' }, (s, r) => ((server = s), (root = r)));

  for (const [name, refusal] of REFUSALS) {
    it(`${name}: on the first call of a follow-up task, compacts once and retries`, async () => {
      server.enqueue(CHAT, chatStream('first answer'), refusal, chatStream('SUMMARY: said first answer'), chatStream('second answer'));
      const h = harness(server, root);
      await h.run('first question');
      const r = await h.run('second question');
      assert.equal(r.reason, 'answer', r.message);
      assert.equal(r.text, 'second answer');
      assert.deepEqual(ofType(h.events, 'compaction').map((c) => c.reason), ['contextTooLong']);
      const reqs = server.requestsTo(CHAT);
      assert.equal(reqs.length, 4);
      assert.ok(isSummaryRequest(reqs[2].body));
      assert.ok((reqs[3].body.messages as WireMessage[]).some((m) => m.content?.startsWith(SUMMARY_HEADER)));
    });

    it(`${name}: on the very first call with nothing to compact, ends with an error that says what to do`, async () => {
      server.enqueue(CHAT, refusal, chatStream('never asked for'));
      const h = harness(server, root);
      const r = await h.run('only question');
      assert.equal(r.reason, 'error');
      assert.equal(server.requestsTo(CHAT).length, 1);
      const err = ofType(h.events, 'error')[0];
      assert.equal(err.kind, 'contextTooLong');
      assert.match(err.message, /longer than the model's context window/);
      assert.match(err.message, /Start a new task/);
      assert.match(err.message, /tandem\.agent\.contextWindow/);
    });
  }

  it('an ordinary 400 is not mistaken for an overflow: no compaction, its own error', async () => {
    server.enqueue(CHAT, chatStream('first'), httpError(400, "Invalid value for 'temperature': must be <= 2."));
    const h = harness(server, root);
    await h.run('q1');
    const r = await h.run('q2');
    assert.equal(r.reason, 'error');
    assert.equal(ofType(h.events, 'error')[0].kind, 'badRequest');
    assert.equal(ofType(h.events, 'compaction').length, 0);
  });

  it('after two tool rounds, compacts once, keeps call/result pairs whole and finishes the task', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatToolCallStream([{ id: 'r2', name: 'read_file', arguments: { path: 'src/keep.txt' } }]),
      REFUSALS[0][1],
      chatStream('SUMMARY: read a.txt and src/keep.txt'),
      chatStream('both read'),
    );
    const h = harness(server, root);
    const r = await h.run('read both files');
    assert.equal(r.reason, 'answer', r.message);
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 5);
    assert.ok(isSummaryRequest(reqs[3].body));
    for (const q of reqs) assertPairing(q.body.messages);
    const last = reqs[4].body.messages as WireMessage[];
    assert.ok(last.some((m) => m.content?.includes('SUMMARY: read a.txt')));
    assert.ok(last.some((m) => m.content?.includes('read both files')), 'the task stays visible');
    // The system prompt and the tool list are byte-identical on every call, the summary's included.
    for (const q of reqs) assert.deepEqual([q.body.messages[0], q.body.tools], [reqs[0].body.messages[0], reqs[0].body.tools]);
  });

  it('after two tool rounds, a second refusal ends the task with an error that says what to do', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatToolCallStream([{ id: 'r2', name: 'read_file', arguments: { path: 'a.txt' } }]),
      REFUSALS[1][1],
      chatStream('SUMMARY'),
      REFUSALS[1][1],
      chatStream('never asked for'),
    );
    const h = harness(server, root);
    const r = await h.run('read');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 5);
    assert.equal(ofType(h.events, 'compaction').length, 1);
    const err = ofType(h.events, 'error')[0];
    assert.equal(err.kind, 'contextTooLong');
    assert.match(err.message, /still longer than the model's context window .* after compacting it once/);
    assert.match(err.message, /Start a new task/);
  });

  it('a refused summary request also ends with the clear error, after one attempt', async () => {
    server.enqueue(CHAT, chatStream('first'), REFUSALS[4][1], REFUSALS[4][1], chatStream('never asked for'));
    const h = harness(server, root);
    await h.run('q1');
    const r = await h.run('q2');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 3);
    assert.match(ofType(h.events, 'error')[0].message, /Start a new task/);
  });
});

describe('context overflow: a refused summary near the budget', () => {
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({}, (s, r) => ((server = s), (root = r)));

  it('ends with the clear error instead of the raw refusal', async () => {
    server.enqueue(CHAT, chatStream('noted'), REFUSALS[1][1], chatStream('never asked for'));
    const h = harness(server, root, { contextWindow: 2_000 });
    await h.run(`remember this: ${'lorem ipsum dolor sit amet\n'.repeat(200)}`);
    const r = await h.run('what was it?');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 2);
    assert.ok(isSummaryRequest(server.requestsTo(CHAT)[1].body));
    const err = ofType(h.events, 'error')[0];
    assert.equal(err.kind, 'contextTooLong');
    assert.match(err.message, /Start a new task/);
  });
});

describe('context overflow: huge arguments and results leave the history once acted on', function () {
  // 10 MB through the guard, the ledger and the disk: seconds on a busy machine.
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'src/keep.txt': 'k\n' }, (s, r) => ((server = s), (root = r)));
  const TEN_MB = 10 * 1024 * 1024;

  it('a 10 MB write_file is written whole, then later requests carry a short description', async () => {
    const content = 'x'.repeat(TEN_MB);
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'src/big.txt', content } }]), chatStream('written'), chatStream('still fine'));
    const h = harness(server, root);
    assert.equal((await h.run('write a big file')).reason, 'answer');
    assert.equal((await fs.stat(path.join(root, 'src/big.txt'))).size, TEN_MB);
    assert.equal((await h.run('anything else?')).reason, 'answer');
    const reqs = server.requestsTo(CHAT);
    for (const q of reqs.slice(1)) {
      assert.ok(q.rawBody.length < 50_000, `request ${q.index} is ${q.rawBody.length} bytes`);
      const call = (q.body.messages as WireMessage[]).find((m) => m.tool_calls)!.tool_calls![0];
      assert.deepEqual(JSON.parse(call.function.arguments), { path: 'src/big.txt', content: '[write_file content of 10,485,760 characters for src/big.txt, already written]' });
      assertPairing(q.body.messages);
    }
    // Byte-identical from the elision on: the prompt cache breaks once, not on every call.
    assert.ok(reqs[2].rawBody.includes(JSON.stringify(reqs[1].body.messages.slice(0, 4)).slice(1, -1)));
    assert.ok(JSON.stringify(h.agent.session.toJSON()).length < 50_000, 'the saved task is small too');
  });

  it('a 10 MB tool result from a restored task is described once the model answered after it; an unseen one stays', async () => {
    const session = new Session('restored');
    const big = 'y'.repeat(TEN_MB);
    session.push(
      { role: 'user', content: 'read the dump' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'd', name: 'read_file', arguments: '{"path":"dump.log"}' }] },
      { role: 'tool', toolCallId: 'd', name: 'read_file', content: big },
      { role: 'assistant', content: 'The dump is all y.' },
    );
    server.enqueue(CHAT, chatStream('ok'));
    const h = harness(server, root, { session });
    assert.equal((await h.run('thanks')).reason, 'answer');
    const q = server.requestsTo(CHAT)[0];
    assert.ok(q.rawBody.length < 50_000, `${q.rawBody.length} bytes`);
    const result = (q.body.messages as WireMessage[]).find((m) => m.role === 'tool')!;
    assert.match(result.content ?? '', /^\[read_file result of 10,485,760 characters, already seen and acted on/);
    assertPairing(q.body.messages);
  });

  it('a 10 MB result the model never saw (a restored, cancelled task) is cut to the output cap when the server refuses', async () => {
    const session = new Session('restored-cancelled');
    session.push(
      { role: 'user', content: 'dump the log' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'd', name: 'run_command', arguments: '{"command":"cat huge.log"}' }] },
      { role: 'tool', toolCallId: 'd', name: 'run_command', content: 'z'.repeat(TEN_MB) },
    );
    server.enqueue(CHAT, REFUSALS[0][1], chatStream('SUMMARY: dumped a log'), chatStream('go on'));
    // A window Tandem believes large enough: only the server's refusal can start the compaction.
    const h = harness(server, root, { session, contextWindow: 10_000_000 });
    assert.equal((await h.run('continue')).reason, 'answer');
    const reqs = server.requestsTo(CHAT);
    assert.ok(reqs[0].rawBody.length > TEN_MB, 'unseen: sent whole the first time');
    // The summary request carries the result cut to the output cap, head and tail kept.
    assert.ok(isSummaryRequest(reqs[1].body));
    assert.ok(reqs[1].rawBody.length < 100_000, `${reqs[1].rawBody.length} bytes`);
    assert.match(reqs[1].rawBody, /characters \(\d+ lines\) omitted to fit the context window/);
    for (const q of reqs) assertPairing(q.body.messages);
    assert.ok(reqs[2].rawBody.length < 100_000);
    const [c] = ofType(h.events, 'compaction');
    assert.ok(c.tokensAfter < c.tokensBefore / 50, `${c.tokensBefore} → ${c.tokensAfter}`);
  });

  it('the same result under a window Tandem knows is too small: compacted before any call, nothing huge is sent', async () => {
    const session = new Session('restored-cancelled-2');
    session.push(
      { role: 'user', content: 'dump the log' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'd', name: 'run_command', arguments: '{"command":"cat huge.log"}' }] },
      { role: 'tool', toolCallId: 'd', name: 'run_command', content: 'z'.repeat(TEN_MB) },
    );
    server.enqueue(CHAT, chatStream('SUMMARY: dumped a log'), chatStream('go on'));
    const h = harness(server, root, { session });
    assert.equal((await h.run('continue')).reason, 'answer');
    for (const q of server.requestsTo(CHAT)) assert.ok(q.rawBody.length < 100_000, `${q.rawBody.length} bytes`);
    assert.equal(ofType(h.events, 'compaction')[0].reason, 'budget');
  });

  it('an argument over 2,000 characters is described once answered; short fields (the path) stay verbatim', async () => {
    const content = 'z'.repeat(5_000);
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'one.txt', content } }]),
      chatToolCallStream([{ id: 'w2', name: 'write_file', arguments: { path: 'two.txt', content: 'small' } }]),
      chatStream('done'),
    );
    const h = harness(server, root);
    assert.equal((await h.run('write two files')).reason, 'answer');
    assert.equal(await fs.readFile(path.join(root, 'one.txt'), 'utf8'), content);
    const second = server.requestsTo(CHAT)[1].body.messages as WireMessage[];
    assert.ok(!second.some((m) => m.tool_calls?.some((c) => c.function.arguments.includes(content))), 'answered: described');
    const args = JSON.parse(second.find((m) => m.tool_calls)!.tool_calls![0].function.arguments);
    assert.match(args.content, /^\[write_file content of 5,000 characters for one\.txt, already written\]$/);
    assert.equal(args.path, 'one.txt');
  });

  it('compaction reports a real reduction when a large acted-on result sits in the kept step', async () => {
    const session = new Session('restored-2');
    session.push(
      { role: 'user', content: 'look at the log' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'l', name: 'read_file', arguments: '{"path":"app.log"}' }] },
      { role: 'tool', toolCallId: 'l', name: 'read_file', content: 'log line\n'.repeat(3_000) },
      { role: 'assistant', content: 'It is a log.' },
    );
    server.enqueue(CHAT, REFUSALS[0][1], chatStream('SUMMARY: looked at the log'), chatStream('ok'));
    const h = harness(server, root, { session });
    assert.equal((await h.run('and now?')).reason, 'answer');
    const [c] = ofType(h.events, 'compaction');
    assert.ok(c.tokensBefore > 6_000 && c.tokensAfter < c.tokensBefore / 4, `${c.tokensBefore} → ${c.tokensAfter}`);
    assert.ok(!server.requestsTo(CHAT)[1].rawBody.includes('log line\\nlog line'), 'the summary request does not carry the log either');
  });
});

describe('elideActedOn', () => {
  const big = 'q'.repeat(3_000);
  const history: Message[] = [
    { role: 'user', content: 'task' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'write_file', arguments: JSON.stringify({ path: 'a', content: big }) }, { id: 'b', name: 'write_file', arguments: JSON.stringify({ path: 'b', content: big }) }] },
    { role: 'tool', toolCallId: 'a', name: 'write_file', content: big },
  ];
  const limits = { argChars: 2_000, resultChars: 2_000 };

  it('never touches a call without a result, nor a result the model has not answered after', () => {
    const { messages, changed } = elideActedOn(history, limits);
    assert.equal(changed, 1);
    const calls = (messages[1] as Extract<Message, { role: 'assistant' }>).toolCalls!;
    assert.match(calls[0].arguments, /already written/);
    assert.equal(calls[1].arguments, history[1].role === 'assistant' ? history[1].toolCalls![1].arguments : '');
    assert.equal(messages[2].content, big, 'unseen by the model');
    assert.equal(messages.length, history.length);
  });

  it('does not repeat a path that is itself too long in the descriptions', () => {
    const h: Message[] = [
      { role: 'assistant', content: '', toolCalls: [{ id: 'p', name: 'write_file', arguments: JSON.stringify({ path: 'p'.repeat(300), content: big }) }] },
      { role: 'tool', toolCallId: 'p', name: 'write_file', content: 'Wrote it' },
    ];
    const args = JSON.parse((elideActedOn(h, limits).messages[0] as Extract<Message, { role: 'assistant' }>).toolCalls![0].arguments);
    assert.deepEqual(args, { path: '[write_file path of 300 characters, already written]', content: '[write_file content of 3,000 characters, already written]' });
  });

  it('says when the call failed, keeps malformed arguments valid JSON, and is stable when run again', () => {
    const h: Message[] = [
      { role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'apply_patch', arguments: `{"patch": "${big}` }] },
      { role: 'tool', toolCallId: 'x', name: 'apply_patch', content: 'bad JSON', isError: true },
      { role: 'assistant', content: 'sorry' },
    ];
    const once = elideActedOn(h, limits).messages;
    const args = (once[0] as Extract<Message, { role: 'assistant' }>).toolCalls![0].arguments;
    assert.deepEqual(JSON.parse(args), { elided: '[apply_patch arguments of 3,011 characters, not applied: the call failed (see its result)]' });
    const twice = elideActedOn(once, limits);
    assert.equal(twice.changed, 0);
    assert.equal(JSON.stringify(twice.messages), JSON.stringify(once));
  });
});
