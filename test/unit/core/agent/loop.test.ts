// The agent loop end to end against the scripted model server: multi-step tool use, self-correction
// after a failing test, malformed calls, duplicate ids, prompt stability, follow-up turns.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { SYSTEM_PROMPT } from '../../../../src/core/agent/systemPrompt';
import { Session } from '../../../../src/core/agent/session';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

describe('agent loop', () => {
  let server: ModelServer;
  let root: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n', 'package.json': JSON.stringify({ scripts: { test: 'sh test.sh' } }) });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('runs tools over several steps and ends with the answer', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }], { text: 'Reading. ' }),
      chatToolCallStream([{ id: 'c2', name: 'write_file', arguments: { path: 'b.txt', content: 'beta' } }]),
      chatStream('Done: copied.', { usage: { prompt_tokens: 50, completion_tokens: 3 } }),
    );
    const h = harness(server, root);
    const result = await h.run('copy a to b');
    assert.equal(result.reason, 'answer');
    assert.equal(result.text, 'Done: copied.');
    assert.equal(result.steps, 3);
    assert.equal(h.text(), 'Reading. Done: copied.');
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'beta');
    assert.deepEqual(h.events.filter((e) => e.type !== 'text').map((e) => e.type), [
      'turnStarted', 'step', 'toolCallStarted', 'toolCallFinished', 'step', 'toolCallStarted', 'approvalNeeded', 'approvalResolved', 'toolCallFinished', 'step', 'usage', 'done',
    ]);
    const second = server.requestsTo(CHAT)[1].body.messages;
    assert.deepEqual(second.at(-1), { role: 'tool', tool_call_id: 'c1', content: 'alpha\n' });
    assert.equal(second.at(-2).tool_calls[0].function.name, 'read_file');
    assert.match(second[1].content, /Test command: npm test/);
    assert.equal(second[2].content, 'copy a to b');
  });

  it('fixes a failing test on the next step (real test script in a temp workspace)', async () => {
    await fs.writeFile(path.join(root, 'test.sh'), 'grep -q "^2$" answer.txt || { echo "FAIL: expected 2 in answer.txt"; exit 1; }\necho PASS\n');
    await fs.writeFile(path.join(root, 'answer.txt'), '3\n');
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 't1', name: 'run_command', arguments: { command: 'sh test.sh' } }]),
      chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'answer.txt', content: '2\n' } }]),
      chatToolCallStream([{ id: 't2', name: 'run_command', arguments: { command: 'sh test.sh' } }]),
      chatStream('Fixed answer.txt; the test passes.'),
    );
    const h = harness(server, root);
    const result = await h.run('make the test pass');
    assert.equal(result.reason, 'answer');
    const finished = ofType(h.events, 'toolCallFinished');
    assert.match(finished[0].output, /FAIL: expected 2/);
    assert.equal(finished[0].isError, true);
    assert.match(finished[2].output, /PASS/);
    assert.equal(finished[2].isError, false);
    // The model saw the failure before fixing it.
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /FAIL/);
    assert.match(SYSTEM_PROMPT, /run the project's test command/);
  });

  it('answers malformed calls with error results and goes on', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([
        { id: 'm1', name: 'read_file', arguments: '{"path": "a.txt"' },
        { id: 'm2', name: 'delete_everything', arguments: {} },
        { id: 'm3', name: 'read_file', arguments: { path: 42 } },
      ]),
      chatToolCallStream([{ id: 'm4', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatStream('ok'),
    );
    const h = harness(server, root);
    const result = await h.run('read a');
    assert.equal(result.reason, 'answer');
    const finished = ofType(h.events, 'toolCallFinished');
    assert.deepEqual(finished.map((f) => f.isError), [true, true, true, false]);
    assert.match(finished[0].output, /not valid JSON/);
    assert.match(finished[1].output, /Unknown tool "delete_everything"/);
    assert.match(finished[2].output, /Invalid arguments/);
    assert.equal(h.invocations.length, 1);
  });

  it('gives duplicate call ids distinct ids and runs an exact repeat only once', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([
        { id: 'dup', name: 'write_file', arguments: { path: 'x.txt', content: 'one' } },
        { id: 'dup', name: 'read_file', arguments: { path: 'a.txt' } },
        { id: 'dup', name: 'read_file', arguments: { path: 'a.txt' } },
      ]),
      chatToolCallStream([{ id: 'dup', name: 'read_file', arguments: { path: 'x.txt' } }]),
      chatStream('ok'),
    );
    const h = harness(server, root);
    await h.run('go');
    const ids = ofType(h.events, 'toolCallFinished').map((f) => f.id);
    assert.equal(new Set(ids).size, 4, `ids: ${ids}`);
    assert.equal(h.invocations.length, 3);
    const third = server.requestsTo(CHAT)[2].body.messages;
    const callIds = third.flatMap((m: { tool_calls?: Array<{ id: string }> }) => (m.tool_calls ?? []).map((c) => c.id));
    const resultIds = third.filter((m: { role: string }) => m.role === 'tool').map((m: { tool_call_id: string }) => m.tool_call_id);
    assert.deepEqual(resultIds, callIds);
    assert.match(ofType(h.events, 'toolCallFinished')[2].output, /repeats call dup/);
  });

  it('keeps the system prompt and tool list byte-identical across calls and turns', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatStream('first'),
      chatStream('second'),
    );
    const h = harness(server, root);
    await h.run('one');
    await h.run('two');
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 3);
    const prefix = (raw: string) => {
      const b = JSON.parse(raw);
      return JSON.stringify([b.messages[0], b.tools]);
    };
    for (const r of reqs) assert.equal(prefix(r.rawBody), prefix(reqs[0].rawBody));
    assert.ok(reqs[0].body.messages[0].content.startsWith(SYSTEM_PROMPT));
    // The environment message is stable too, so the cached prefix extends past it.
    assert.equal(JSON.stringify(reqs[2].body.messages[1]), JSON.stringify(reqs[0].body.messages[1]));
  });

  it('keeps the conversation for a follow-up turn and survives a JSON round trip', async () => {
    server.enqueue(CHAT, chatStream('The file says alpha.'), chatStream('Yes, alpha.'));
    const h = harness(server, root);
    await h.run('what does a.txt say?');
    const restored = Session.fromJSON(JSON.stringify(h.agent.session));
    const h2 = harness(server, root, { session: restored });
    const r = await h2.run('are you sure?');
    assert.equal(r.reason, 'answer');
    const msgs = server.requestsTo(CHAT)[1].body.messages;
    assert.deepEqual(msgs.slice(2).map((m: { role: string; content: string }) => [m.role, m.content]), [
      ['user', 'what does a.txt say?'],
      ['assistant', 'The file says alpha.'],
      ['user', 'are you sure?'],
    ]);
    assert.equal(h2.agent.session, restored);
    assert.equal(restored.turns, 2);
  });
});
