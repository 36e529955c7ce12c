// How a turn ends when things go wrong: rate limits, cut and stalled streams, the step limit and
// cancellation in the middle of a real command.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { exitsWithin } from '../../../fixtures/processes';
import { CHAT, harness, ofType } from './harness';
import { useServerAndWorkspace } from './testTools';


describe('agent loop resilience', () => {
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));

  it('429 then success: honours Retry-After, emits a retry event, answers once', async () => {
    server.enqueue(CHAT, httpError(429, 'Rate limit reached', { 'retry-after': '7' }), chatStream('Here you go.'));
    const h = harness(server, root);
    const r = await h.run('hi');
    assert.equal(r.reason, 'answer');
    assert.deepEqual(h.waits, [7000]);
    const retry = ofType(h.events, 'retry');
    assert.equal(retry.length, 1);
    assert.equal(retry[0].delayMs, 7000);
    assert.equal(h.text(), 'Here you go.');
  });

  it('a stream cut after text ends the turn with an error and never duplicates the text', async () => {
    const cut = chatStream('The answer is forty-two, because', { size: 5, intervalMs: 10 });
    server.enqueue(CHAT, { ...cut, cutAfter: 4 } as typeof cut, chatStream('The answer is forty-two, because'));
    const h = harness(server, root);
    const r = await h.run('q');
    assert.equal(r.reason, 'error');
    const shown = h.text();
    assert.ok(shown.length > 0 && 'The answer is forty-two, because'.startsWith(shown), shown);
    assert.equal(server.requestsTo(CHAT).length, 1);
    assert.equal(ofType(h.events, 'done').length, 1);
  });

  it('a tool call cut midway is never executed; the retried stream runs it once', async () => {
    const call = [{ id: 'w', name: 'write_file', arguments: { path: 'out.txt', content: 'complete content' } }];
    const cut = chatToolCallStream(call);
    server.enqueue(CHAT, { ...cut, cutAfter: 3 } as typeof cut, chatToolCallStream(call), chatStream('written'));
    const h = harness(server, root);
    const r = await h.run('write');
    assert.equal(r.reason, 'answer');
    assert.equal(h.invocations.length, 1);
    assert.deepEqual(h.invocations[0].args, { path: 'out.txt', content: 'complete content' });
    assert.equal(await fs.readFile(path.join(root, 'out.txt'), 'utf8'), 'complete content');
  });

  it('a tool call cut midway with retries exhausted runs nothing and ends with an error', async () => {
    const cut = chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'out.txt', content: 'x' } }]);
    server.enqueue(CHAT, { ...cut, cutAfter: 3 } as typeof cut);
    const h = harness(server, root, { retry: { maxAttempts: 1 } });
    const r = await h.run('write');
    assert.equal(r.reason, 'error');
    assert.equal(h.invocations.length, 0);
    assert.equal(ofType(h.events, 'toolCallStarted').length, 0);
  });

  it('a stalled stream times out, hangs up and ends the turn with a timeout error', async () => {
    server.enqueue(CHAT, chatStream('never ends', { stallAfter: 2 }));
    const h = harness(server, root, { idleTimeoutMs: 100, retry: { maxAttempts: 1 } });
    const r = await h.run('q');
    assert.equal(r.reason, 'error');
    assert.equal(ofType(h.events, 'error')[0].kind, 'timeout');
    await server.waitForDisconnect(server.requestsTo(CHAT)[0]);
  });

  it('stops at the step limit with a clear message', async () => {
    server.onRequest(CHAT, () => chatToolCallStream([{ name: 'read_file', arguments: { path: 'a.txt' } }]));
    const h = harness(server, root, { maxSteps: 3 });
    const r = await h.run('loop forever');
    assert.equal(r.reason, 'stepLimit');
    assert.equal(server.requestsTo(CHAT).length, 3);
    assert.match(r.message ?? '', /step limit/);
    const done = ofType(h.events, 'done');
    assert.deepEqual([done.length, done[0].reason], [1, 'stepLimit']);
  });

  it('cancelling mid-command kills the running process at once and ends as cancelled', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'long', name: 'run_command', arguments: { command: 'echo $$ > pid.txt; echo started; sleep 30' } }]));
    const h = harness(server, root);
    const ac = new AbortController();
    const done = h.agent.run('run it', {
      signal: ac.signal,
      onEvent: (e) => {
        h.events.push(e);
        if (e.type === 'toolOutput' && e.chunk.includes('started')) ac.abort();
      },
    });
    const r = await done;
    assert.equal(r.reason, 'cancelled');
    const pid = Number((await fs.readFile(path.join(root, 'pid.txt'), 'utf8')).trim());
    assert.equal(await exitsWithin(pid), true);
    assert.equal(server.requestsTo(CHAT).length, 1);
    // The history stays valid: the call has a result, so a follow-up turn can be sent.
    const last = h.agent.session.messages.at(-1);
    assert.equal(last?.role, 'tool');
  });

  it('cancelling while the model streams aborts the HTTP request', async () => {
    server.enqueue(CHAT, chatStream('slow answer', { stallAfter: 2 }));
    const h = harness(server, root);
    const ac = new AbortController();
    const p = h.agent.run('q', {
      signal: ac.signal,
      onEvent: (e) => {
        h.events.push(e);
        if (e.type === 'text') ac.abort();
      },
    });
    const r = await p;
    assert.equal(r.reason, 'cancelled');
    await server.waitForDisconnect(server.requestsTo(CHAT)[0]);
  });
});
