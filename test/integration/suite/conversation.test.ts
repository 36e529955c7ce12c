// A conversation the user controls, in a real VS Code, driven through the webview's validated
// messages against the scripted model server: plan mode refuses an edit (nothing reaches the
// approval cards or the disk), the plan (update_plan) is in the panel state live and in the stored
// task, a message sent while a turn runs is queued and the next model request carries it, and an
// aborted ask_user question is answered once.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { PLAN_MODE_NOTE, planModeRefusal } from '../../../src/core/agent/modes';
import type { PanelState } from '../../../src/protocol/messages';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const CHAT = '/v1/chat/completions';
const diskText = (rel: string) => readFileSync(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, rel).fsPath, 'utf8');
type Wire = { role: string; content: string };

describe('agent panel: conversation controls', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'tandem.agent.mode': undefined });
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'auto-edit', 'tandem.agent.mode': 'act' });
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
  });

  it('plan mode refuses an edit even in auto-edit: no card, the file unchanged, the model told why', async () => {
    const api = await tandem();
    const before = diskText('src/math.js');
    const saved = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tandem.agent.mode')) return;
        sub.dispose();
        resolve();
      });
    });
    assert.equal(await api.chat.handle({ type: 'setMode', mode: 'plan' }), true);
    assert.equal(api.chat.snapshot().mode, 'plan');
    await saved;
    assert.equal(vscode.workspace.getConfiguration('tandem').get('agent.mode'), 'plan', 'the mode is remembered in tandem.agent.mode');
    const seen: PanelState[] = [];
    const sub = api.chat.onDidChangeState((s) => seen.push(structuredClone(s)));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a - b;' } }]), chatStream('Plan: change the sum.'));
    try {
      await api.chat.run('Make add subtract');
    } finally {
      sub.dispose();
    }
    assert.equal(diskText('src/math.js'), before);
    assert.ok(!seen.some((s) => s.changes.length > 0), 'no approval card was shown');
    const step = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.id === 'e1');
    assert.equal(step?.kind === 'tool' && step.state, 'failed');
    const [first, second] = server.requestsTo(CHAT);
    const offered = (first.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    assert.ok(!offered.includes('edit_file') && !offered.includes('run_command') && !offered.includes('write_file'), offered.join(', '));
    assert.ok(offered.includes('read_file') && offered.includes('update_plan'));
    assert.equal((first.body.messages as Wire[]).at(-1)?.content, `Make add subtract\n\n${PLAN_MODE_NOTE}`);
    assert.equal((second.body.messages as Wire[]).at(-1)?.content, planModeRefusal('edit_file'));
  });

  it('shows the plan live and keeps it in the stored task; /act switches back', async () => {
    const api = await tandem();
    const plan = [
      { step: 'Read src/math.js', status: 'done' },
      { step: 'Write the change', status: 'in_progress' },
      { step: 'Run the tests', status: 'pending' },
    ];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]));
    server.onRequest(CHAT, async () => {
      await gate;
      return chatStream('Plan ready.');
    });
    await api.chat.handle({ type: 'send', text: '/plan Plan the change' });
    // Live: the checklist is in the state while the turn is still running.
    const live = await stateWhere((s) => !!s.plan && s.running, 'the plan while running');
    assert.deepEqual(live.plan?.steps, plan);
    release();
    await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'assistant' && i.markdown === 'Plan ready.'), 'the end of the turn');
    const taskId = api.chat.snapshot().taskId;
    await api.chat.handle({ type: 'newTask' });
    assert.equal(api.chat.snapshot().plan, undefined, 'a new task starts without a plan');
    await api.chat.handle({ type: 'openTask', taskId });
    assert.deepEqual(api.chat.snapshot().plan?.steps, plan, 'the reopened task shows its plan');
    server.enqueue(CHAT, chatStream('Carrying it out.'));
    assert.equal(await api.chat.handle({ type: 'send', text: '/act Carry out the plan.' }), true);
    await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'assistant' && i.markdown === 'Carrying it out.'), 'the act turn');
    assert.equal(api.chat.snapshot().mode, 'act');
    const last = server.requestsTo(CHAT).at(-1)!;
    assert.ok((last.body.tools as Array<{ function: { name: string } }>).some((t) => t.function.name === 'edit_file'), 'act mode has the editing tools again');
    assert.equal((last.body.messages as Wire[]).at(-1)?.content, 'Carry out the plan.');
  });

  it('queues a message sent while the task runs; the next model request carries it', async () => {
    const api = await tandem();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstArrived!: () => void;
    const arrived = new Promise<void>((r) => (firstArrived = r));
    let calls = 0;
    server.onRequest(CHAT, async (req) => {
      if (++calls === 1) {
        firstArrived();
        await gate;
        return chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'src/math.js' } }]);
      }
      return chatStream(req.body.messages.some((m: Wire) => m.content === 'Also mention the tests') ? 'Read it; the tests are in test/.' : 'Read it.');
    });
    await api.chat.handle({ type: 'send', text: 'Read math.js' });
    // The first model call is under way (held): what is sent now waits for the next step.
    await arrived;
    assert.equal(api.chat.snapshot().running, true);
    assert.equal(await api.chat.handle({ type: 'send', text: 'Also mention the tests' }), true);
    assert.equal(await api.chat.handle({ type: 'send', text: 'And drop this one' }), true);
    const queued = await stateWhere((s) => (s.queued ?? []).length === 2, 'two queued messages');
    assert.equal(await api.chat.handle({ type: 'unqueue', id: queued.queued![1].id }), true);
    await stateWhere((s) => (s.queued ?? []).length === 1, 'one queued message left');
    release();
    const done = await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'assistant' && i.markdown.includes('Read it')), 'the end of the turn');
    assert.deepEqual(done.queued, []);
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 2, 'one turn: the queued message went into its next step');
    const second = reqs[1].body.messages as Wire[];
    assert.deepEqual(second.slice(-2).map((m) => m.role), ['tool', 'user']);
    assert.equal(second.at(-1)?.content, 'Also mention the tests');
    assert.ok(!JSON.stringify(second).includes('And drop this one'), 'the removed message was not sent');
    assert.ok(done.items.some((i) => i.kind === 'user' && i.text === 'Also mention the tests'), 'the delivered message is in the log');
  });

  it('a Stop while the model asks a question answers it once and ends the turn', async () => {
    const api = await tandem();
    server.enqueue(CHAT, chatToolCallStream([{ id: 'q1', name: 'ask_user', arguments: { question: 'Which file?', options: ['a.js', 'b.js'] } }]));
    const running = api.chat.run('Edit a file');
    const asked = await stateWhere((s) => (s.questions ?? []).length === 1, 'the question card');
    assert.deepEqual(asked.questions![0].options, ['a.js', 'b.js']);
    const requestId = asked.questions![0].requestId;
    await api.chat.handle({ type: 'stop' });
    await running;
    assert.deepEqual(api.chat.snapshot().questions, []);
    assert.equal(await api.chat.handle({ type: 'answer', requestId, text: 'a.js' }), false, 'the question is gone after Stop');
    assert.equal(server.requestsTo(CHAT).length, 1, 'no model call after Stop');
  });
  it('/compact summarises the conversation now; the next request starts from the summary', async () => {
    const api = await tandem();
    server.enqueue(CHAT, chatStream('The word is kiwi.', { usage: { prompt_tokens: 100, completion_tokens: 20 } }));
    // A long message (a pasted log): summarised away, the conversation really gets smaller.
    await api.chat.run(`Remember the word kiwi. The log:\n${'GET /health 200 1ms\n'.repeat(200)}`);
    assert.equal(api.chat.snapshot().context?.used, 120, 'the meter shows the server\'s count of the last request');
    assert.equal(await api.chat.handle({ type: 'send', text: '/compact now please' }), false, 'a command that takes no text is refused');
    server.enqueue(CHAT, chatStream('SUMMARY: the user asked to remember kiwi.'));
    assert.equal(await api.chat.handle({ type: 'send', text: '/compact' }), true);
    const done = await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'notice' && /^Summarised \d+ earlier messages?; kept the last/.test(i.text)), 'the compaction notice');
    assert.ok(done.context && done.context.window > 0, 'the context meter knows the window');
    // Said plainly (not "3 messages summarised into 3"), and the meter stays in the server's count: lower, never a jump to our estimate.
    const notice = done.items.filter((i) => i.kind === 'notice').pop();
    assert.match(notice?.kind === 'notice' ? notice.text : '', /^Summarised \d+ earlier messages?; kept the last (one as it was|\d+ as they were)\.$/);
    assert.ok(done.context.used > 0 && done.context.used < 120, `the meter after compaction (${done.context.used}) is below the 120 before`);
    const summaryRequest = server.requestsTo(CHAT)[1].body;
    assert.equal(summaryRequest.tool_choice, 'none');
    server.enqueue(CHAT, chatStream('Kiwi.'));
    await api.chat.run('Which word?');
    const next = server.requestsTo(CHAT)[2].body.messages as Wire[];
    assert.ok(next.some((m) => m.content.includes('SUMMARY: the user asked to remember kiwi.')));
    assert.ok(!next.some((m) => m.role === 'user' && m.content.startsWith('Remember the word kiwi')), 'the older part was summarised away (the latest step is kept)');
    assert.equal(await api.chat.handle({ type: 'send', text: '/compcat' }), false, 'a typo is refused, not sent');
    assert.equal(server.requestsTo(CHAT).length, 3);
  });
});
