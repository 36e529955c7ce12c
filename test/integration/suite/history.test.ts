// Task history and New task in a real VS Code, against the scripted model server: "Tandem: New Task"
// (and /new) while a change card waits asks first; Yes stops the task — the change is rejected,
// nothing reaches the disk, its conversation stays in the history — and opens an empty task; No
// changes nothing. Renaming and deleting go through the panel's messages into the workspace's
// storage; deleting the open task moves the panel to a fresh one and leaves the change log alone.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const CHAT = '/v1/chat/completions';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const disk = (rel: string) => readFileSync(`${root()}/${rel}`, 'utf8');
// The file the pending edit is for: this suite's own, so what other suites leave in src/math.js cannot
// keep the card from showing.
const FILE = 'src/history-sample.js';
const ORIGINAL = 'function sum(a, b) {\n  return a + b;\n}\n\nmodule.exports = { sum };\n';
const fileUri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...FILE.split('/'));

describe('task history and New task', function () {
  this.timeout(120_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    server.close();
    await vscode.workspace.fs.delete(fileUri());
  });
  beforeEach(async () => {
    server.reset();
    await vscode.workspace.fs.writeFile(fileUri(), new TextEncoder().encode(ORIGINAL));
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });

  /** Starts a task whose edit of the suite's file waits as a card; resolves once the card shows. */
  async function pendingEdit(task: string): Promise<{ done: Promise<void>; taskId: string }> {
    const api = await tandem();
    server.enqueue(CHAT, chatToolCallStream([{ id: 'h1', name: 'edit_file', arguments: { path: FILE, old_string: 'return a + b;', new_string: 'return a + b; // history' } }]), chatStream('Edited.'));
    const done = api.chat.run(task);
    // A task that ends without the card fails here at once, saying what the panel showed instead.
    const card = stateWhere((st) => st.changes.length === 1 && st.running, 'a pending change card', 60_000).then(() => 'card');
    card.catch(() => undefined);
    const first = await Promise.race([card, done.then(() => 'ended')]);
    assert.equal(first, 'card', `the task ended without a change card; the panel shows: ${JSON.stringify(api.chat.snapshot().items.slice(-3))}`);
    return { done, taskId: api.chat.snapshot().taskId };
  }

  it('"Tandem: New Task" with a pending card asks; Yes rejects the change, writes nothing, keeps the old task and opens an empty one', async () => {
    const api = await tandem();
    const before = disk(FILE);
    const { done, taskId } = await pendingEdit('Annotate the sum for history');
    await vscode.commands.executeCommand('tandem.newTask');
    const asked = await stateWhere((s) => !!s.newTaskQuestion, 'the question before stopping');
    assert.match(asked.newTaskQuestion!, /Stop the current task and start a new one\? Its pending change will be rejected; nothing is written\./);
    assert.equal(asked.taskId, taskId, 'nothing changed while it asks');
    assert.equal(asked.changes.length, 1);
    assert.equal(await api.chat.handle({ type: 'answerNewTask', stop: true }), true);
    await done;
    const now = api.chat.snapshot();
    assert.notEqual(now.taskId, taskId);
    assert.deepEqual([now.items.length, now.changes.length, now.running, now.title, now.newTaskQuestion], [0, 0, false, 'New task', undefined]);
    assert.equal(disk(FILE), before, 'the disk is unchanged');
    assert.equal(server.requestsTo(CHAT).length, 1, 'the stopped task asked the model nothing more');
    const old = now.tasks.find((t) => t.id === taskId);
    assert.equal(old?.title, 'Annotate the sum for history', 'the old task is in the history');
    assert.equal(await api.chat.handle({ type: 'openTask', taskId }), true);
    assert.ok(api.chat.snapshot().items.some((i) => i.kind === 'user' && i.text === 'Annotate the sum for history'), 'its conversation was kept');
  });

  it('/new with a pending card asks; No changes nothing and the task goes on', async () => {
    const api = await tandem();
    const { done, taskId } = await pendingEdit('Annotate the sum again');
    assert.equal(await api.chat.handle({ type: 'send', text: '/new' }), true);
    await stateWhere((s) => !!s.newTaskQuestion, 'the question before stopping');
    assert.equal(await api.chat.handle({ type: 'answerNewTask', stop: false }), true);
    const s = api.chat.snapshot();
    assert.deepEqual([s.taskId, s.running, s.changes.length, s.newTaskQuestion], [taskId, true, 1, undefined]);
    // The card still works: rejecting it ends the task as usual.
    assert.equal(await api.chat.handle({ type: 'reject', changeId: s.changes[0].id }), true);
    await done;
    assert.equal(api.chat.snapshot().taskId, taskId);
  });

  it('renames a task, finds it by its messages, and deleting the open task leaves the change log and opens a fresh task', async () => {
    const api = await tandem();
    server.enqueue(CHAT, chatStream('The answer mentions a zebra.'));
    await api.chat.run('Tell me about stripes');
    const taskId = api.chat.snapshot().taskId;
    assert.equal(await api.chat.handle({ type: 'renameTask', taskId, title: '   ' }), false);
    assert.equal(await api.chat.handle({ type: 'renameTask', taskId, title: 'Stripes research' }), true);
    assert.equal(api.chat.snapshot().title, 'Stripes research');
    assert.equal(api.chat.snapshot().tasks.find((t) => t.id === taskId)?.title, 'Stripes research');
    const found = new Promise<string[]>((resolve) => {
      const sub = api.chat.history.onDidPost((m) => (sub.dispose(), resolve(m.ids)));
    });
    assert.equal(await api.chat.handle({ type: 'searchTasks', query: 'ZEBRA', seq: 1 }), true);
    assert.deepEqual(await found, [taskId]);
    const log = `${root()}/.tandem/ai-changes.jsonl`;
    const ledger = existsSync(log) ? readFileSync(log, 'utf8') : undefined;
    assert.equal(await api.chat.handle({ type: 'deleteTask', taskId }), true);
    const s = api.chat.snapshot();
    assert.notEqual(s.taskId, taskId);
    assert.equal(s.items.length, 0);
    assert.ok(!s.tasks.some((t) => t.id === taskId));
    assert.equal(await api.chat.handle({ type: 'openTask', taskId }), false);
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : undefined, ledger, 'the change log is untouched');
  });
});
