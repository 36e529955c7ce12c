// A conversation the user controls, in the core loop against the scripted model server: messages
// queued during a turn reach the next model request; plan mode offers and runs only read-only
// tools; update_plan is kept in the session, announced as events and restated after compaction;
// ask_user is answered by the host's asker or, headless, told to decide.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { MessageQueue } from '../../../../src/core/agent/messageQueue';
import { PLAN_MODE_NOTE, planModeRefusal } from '../../../../src/core/agent/modes';
import { PLAN_HEADER } from '../../../../src/core/agent/planMemory';
import { Session } from '../../../../src/core/agent/session';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { NO_ONE_TO_ASK } from '../../../../src/core/tools/askUser';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

type Wire = { role: string; content: string; tool_call_id?: string };
const names = (body: { tools?: Array<{ function: { name: string } }> }) => (body.tools ?? []).map((t) => t.function.name).sort();

describe('a conversation the user controls (core)', () => {
  let server: ModelServer;
  let root: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });
  const real = (extra: Parameters<typeof harness>[2] = {}) => harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), ...extra });

  describe('queued messages', () => {
    it('delivers a message typed during a tool call with the next model request', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('Read it; also noted the README.'));
      const queue = new MessageQueue();
      const h = real();
      const events: string[] = [];
      const r = await h.agent.run('read a.txt', {
        queue,
        onEvent: (e) => {
          events.push(e.type);
          if (e.type === 'toolCallStarted') queue.add('also check the README');
          if (e.type === 'userMessage') assert.equal(e.text, 'also check the README');
        },
      });
      assert.equal(r.reason, 'answer');
      const second = server.requestsTo(CHAT)[1].body.messages as Wire[];
      assert.deepEqual(second.slice(-2).map((m) => [m.role, m.content]), [['tool', '1\talpha'], ['user', 'also check the README']]);
      assert.equal(queue.size, 0);
      assert.ok(events.indexOf('userMessage') > events.indexOf('toolCallFinished'));
    });

    it('goes on for one more step when the message arrives while the model answers', async () => {
      server.enqueue(CHAT, chatStream('Here is the answer.'), chatStream('Answered the follow-up too.'));
      const queue = new MessageQueue();
      const h = real();
      let queued = false;
      const r = await h.agent.run('question', {
        queue,
        onEvent: (e) => {
          if (e.type === 'text' && !queued) queued = !!queue.add('and a follow-up');
        },
      });
      assert.equal(r.reason, 'answer');
      assert.equal(r.text, 'Answered the follow-up too.');
      const reqs = server.requestsTo(CHAT);
      assert.equal(reqs.length, 2);
      const last = reqs[1].body.messages as Wire[];
      assert.deepEqual(last.slice(-2).map((m) => [m.role, m.content]), [['assistant', 'Here is the answer.'], ['user', 'and a follow-up']]);
    });

    it('does not deliver a message removed before the next step', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('Done.'));
      const queue = new MessageQueue();
      const h = real();
      await h.agent.run('read a.txt', {
        queue,
        onEvent: (e) => {
          if (e.type === 'toolCallStarted') {
            const m = queue.add('never mind');
            assert.equal(queue.remove(m.id), true);
            assert.equal(queue.remove(m.id), false, 'removing twice says it is gone');
          }
        },
      });
      const second = server.requestsTo(CHAT)[1].body.messages as Wire[];
      assert.ok(!second.some((m) => m.content === 'never mind'));
    });

    it('refuses to queue an empty message', () => {
      assert.throws(() => new MessageQueue().add('  \n'), /empty message/);
    });
  });

  describe('plan mode', () => {
    it('offers only read-only tools and says it is plan mode', async () => {
      server.enqueue(CHAT, chatStream('Plan: 1. edit a.txt'));
      const h = real();
      await h.agent.run('change a.txt', { mode: 'plan' });
      const body = server.requestsTo(CHAT)[0].body;
      assert.deepEqual(names(body), ['ask_user', 'find_files', 'list_dir', 'read_file', 'search', 'update_plan']);
      assert.equal((body.messages as Wire[]).at(-1)?.content, `change a.txt\n\n${PLAN_MODE_NOTE}`);
    });

    it('refuses an edit the model calls anyway after an act turn, and nothing reaches the approver', async () => {
      server.enqueue(
        CHAT,
        chatStream('Act turn.'),
        chatToolCallStream([{ id: 'w2', name: 'write_file', arguments: { path: 'a.txt', content: 'changed' } }, { id: 'r2', name: 'run_command', arguments: { command: 'touch made.txt' } }]),
        chatStream('Plan only.'),
      );
      const h = real({ approvalMode: 'suggest' });
      await h.run('hello');
      h.events.length = 0;
      await h.agent.run('now plan it', { mode: 'plan', onEvent: (e) => h.events.push(e) });
      assert.deepEqual(ofType(h.events, 'toolCallFinished').map((e) => [e.output, e.isError]), [[planModeRefusal('write_file'), true], [planModeRefusal('run_command'), true]]);
      assert.deepEqual(ofType(h.events, 'approvalNeeded'), [], 'nothing reached the approver');
      assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
      assert.deepEqual(await fs.readdir(root), ['a.txt']);
    });

    it('refuses every spelling of a mutating call in plan mode and changes nothing on disk', async () => {
      const calls = [
        { id: 'a', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } },
        { id: 'b', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'omega' } },
        { id: 'c', name: 'apply_patch', arguments: { patch: '*** Begin Patch\n*** Add File: c.txt\n+x\n*** End Patch' } },
        { id: 'd', name: 'run_command', arguments: { command: 'echo x > d.txt' } },
      ];
      server.enqueue(CHAT, chatToolCallStream(calls), chatStream('Plan.'));
      const h = real({ approvalMode: 'full-auto' });
      await h.agent.run('do it', { mode: 'plan', onEvent: (e) => h.events.push(e) });
      assert.deepEqual(ofType(h.events, 'toolCallFinished').map((e) => e.isError), [true, true, true, true]);
      assert.deepEqual((await fs.readdir(root)).sort(), ['a.txt']);
      assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
    });

    it('has every tool again in act mode, with the same conversation', async () => {
      server.enqueue(CHAT, chatStream('Plan: write b.txt'), chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'b.txt', content: 'beta' } }]), chatStream('Done.'));
      const h = real({ approvalMode: 'full-auto' });
      await h.agent.run('write b.txt', { mode: 'plan' });
      await h.agent.run('Carry out the plan.', { mode: 'act' });
      const reqs = server.requestsTo(CHAT);
      assert.ok(names(reqs[1].body).includes('write_file'));
      assert.equal((reqs[1].body.messages as Wire[]).at(-1)?.content, 'Carry out the plan.');
      assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'beta');
    });
  });

  describe('update_plan', () => {
    const plan = [
      { step: 'Read a.txt', status: 'done' },
      { step: 'Change it', status: 'in_progress' },
      { step: 'Run the tests', status: 'pending' },
    ];

    it('announces the plan, keeps it in the session and in the stored task', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]), chatStream('Working.'));
      const h = real();
      await h.run('task');
      assert.deepEqual(ofType(h.events, 'plan').map((e) => e.steps), [plan]);
      assert.deepEqual(h.agent.session.plan?.steps, plan);
      assert.deepEqual(Session.fromJSON(JSON.parse(JSON.stringify(h.agent.session.toJSON()))).plan?.steps, plan);
      const result = (server.requestsTo(CHAT)[1].body.messages as Wire[]).at(-1)!;
      assert.match(result.content, /^Plan updated \(1\/3 done\):\n\[x\] Read a.txt\n\[~\] Change it\n\[ \] Run the tests$/);
    });

    it('rejects two steps in progress and an empty plan, keeping the last good plan', async () => {
      server.enqueue(
        CHAT,
        chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]),
        chatToolCallStream([{ id: 'p2', name: 'update_plan', arguments: { plan: plan.map((s) => ({ ...s, status: 'in_progress' })) } }]),
        chatToolCallStream([{ id: 'p3', name: 'update_plan', arguments: { plan: [] } }]),
        chatToolCallStream([{ id: 'p4', name: 'update_plan', arguments: { plan: [{ step: 'x', status: 'finished' }] } }]),
        chatStream('ok'),
      );
      const h = real();
      await h.run('task');
      const results = ofType(h.events, 'toolCallFinished');
      assert.deepEqual(results.map((r) => r.isError), [false, true, true, true]);
      assert.match(results[1].output, /3 steps are in_progress/);
      assert.equal(ofType(h.events, 'plan').length, 1);
      assert.deepEqual(h.agent.session.plan?.steps, plan);
    });

    it('survives compaction: the compacted history restates the current plan', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]), chatStream('Step 1 done.'), chatStream('SUMMARY: working on a.txt'), chatStream('Going on.'));
      const h = real();
      await h.run('task');
      assert.equal(await h.agent.compactNow({ onEvent: (e) => h.events.push(e) }), true);
      assert.deepEqual(ofType(h.events, 'compaction').map((c) => c.reason), ['manual']);
      await h.run('continue');
      const messages = server.requestsTo(CHAT)[3].body.messages as Wire[];
      assert.ok(!messages.some((m) => m.role === 'tool'), 'the update_plan call was compacted away');
      const note = messages.find((m) => m.content.startsWith(PLAN_HEADER));
      assert.ok(note, 'the plan is restated');
      assert.match(note.content, /\[x\] Read a.txt\n\[~\] Change it\n\[ \] Run the tests/);
      assert.equal(messages.at(-1)?.content, 'continue');
    });

    it('compacting an empty conversation does nothing, and is refused mid-turn', async () => {
      const h = real();
      assert.equal(await h.agent.compactNow(), false);
      assert.equal(server.requestsTo(CHAT).length, 0);
      let release!: () => void;
      server.onRequest(CHAT, () => new Promise((r) => (release = () => r(chatStream('late'))) as never));
      const running = h.run('task');
      await new Promise<void>((r) => server.once('request', () => r()));
      await assert.rejects(h.agent.compactNow(), /running a turn/);
      release();
      await running;
    });
  });

  describe('ask_user', () => {
    it('waits for the host to answer and gives the answer to the model', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'q1', name: 'ask_user', arguments: { question: 'Tabs or spaces?', options: ['tabs', 'spaces'] } }]), chatStream('Spaces it is.'));
      const asked: unknown[] = [];
      const h = real({ ask: async (q) => (asked.push(q), 'spaces, 2 wide') });
      await h.run('format it');
      assert.deepEqual(asked, [{ toolCallId: 'q1', question: 'Tabs or spaces?', options: ['tabs', 'spaces'] }]);
      assert.equal((server.requestsTo(CHAT)[1].body.messages as Wire[]).at(-1)?.content, 'The user answered: spaces, 2 wide');
    });

    it('headless (no asker), tells the model to decide itself', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'q1', name: 'ask_user', arguments: { question: 'Which database?' } }]), chatStream('Chose SQLite.'));
      const h = real();
      const r = await h.run('set up storage');
      assert.equal(r.reason, 'answer');
      assert.equal((server.requestsTo(CHAT)[1].body.messages as Wire[]).at(-1)?.content, NO_ONE_TO_ASK);
    });

    it('a stop while the question waits ends the turn as cancelled', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'q1', name: 'ask_user', arguments: { question: 'Sure?' } }]));
      const stop = new AbortController();
      let asked!: () => void;
      const waiting = new Promise<void>((r) => (asked = r));
      const h = real({
        ask: (_q, signal) => {
          asked();
          return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
        },
      });
      const running = h.run('task', stop.signal);
      await waiting;
      stop.abort();
      assert.equal((await running).reason, 'cancelled');
    });
  });
});
