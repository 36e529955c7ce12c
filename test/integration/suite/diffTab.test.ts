// The diff tab of a proposed change follows the change in a real VS Code: opened from the card, it
// closes when the change is approved (the file on disk then holds exactly the change), rejected or
// stopped, and a newer proposal for the same file takes over a tab still showing an older one (or
// the diff the user rejected the last one from). The file is not open in any other editor, as when a
// user reviews a change only through its diff.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ProposedChange } from '../../../src/core/changes/change';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem, until } from './helpers';

const FILE = 'src/tabs.js';
const ORIGINAL = 'function area(w, h) {\n  return w * h;\n}\n\nmodule.exports = { area };\n';
const uri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...FILE.split('/'));
const diskText = () => readFileSync(uri().fsPath, 'utf8');

/** Open diff tabs whose right side is one of Tandem's proposals, as "<id>:<path>". */
function proposalTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => t.input)
    .filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'tandem-proposal')
    .map((i) => `${new URLSearchParams(i.modified.query).get('id')}:${i.modified.path}`);
}

/** The file as it started, saved, with no editor on it (any diff tab left over closed too). */
async function resetFile(): Promise<void> {
  await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(ORIGINAL));
  const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const i = t.input;
    if (i instanceof vscode.TabInputText) return i.uri.toString() === uri().toString();
    return i instanceof vscode.TabInputTextDiff && (i.original.toString() === uri().toString() || i.modified.scheme === 'tandem-proposal');
  });
  if (open.length) await vscode.window.tabGroups.close(open);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri().toString());
  if (doc?.isDirty) await doc.save();
}

const edit = (id: string, from: string, to: string) => chatToolCallStream([{ id, name: 'edit_file', arguments: { path: FILE, old_string: from, new_string: to } }]);

/** Starts a task whose first step proposes `reply`'s edit; resolves once its card shows and its diff is open. */
async function proposeAndOpenDiff(): Promise<{ done: Promise<void>; changeId: string }> {
  const api = await tandem();
  const done = api.chat.run('Change the area');
  const s = await stateWhere((x) => x.changes.length === 1, 'a pending change');
  assert.equal(await api.chat.handle({ type: 'viewDiff', changeId: s.changes[0].id }), true);
  assert.deepEqual(proposalTabs(), [`${s.changes[0].id}:/${FILE}`], 'the Diff button opened one proposal tab');
  return { done, changeId: s.changes[0].id };
}

describe('diff tab follows the change', function () {
  this.timeout(120_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    server.close();
    await resetFile();
    await vscode.workspace.fs.delete(uri());
  });
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    await resetFile();
    await (await tandem()).chat.handle({ type: 'newTask' });
  });

  it('closes the diff tab on Approve, and the file on disk holds exactly the change', async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', edit('t1', 'return w * h;', 'return w * h; // in square units'), chatStream('Annotated.'));
    const { done, changeId } = await proposeAndOpenDiff();
    // The tab closes before the change is applied: no edit or save runs under a closing diff editor.
    const order: string[] = [];
    const subs = [
      vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tandem-proposal') && order.push('tab closed')),
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === uri().toString() && e.contentChanges.length > 0 && order.push('file changed')),
    ];
    try {
      assert.equal(await api.chat.handle({ type: 'approve', changeId }), true);
      await done;
    } finally {
      for (const d of subs) d.dispose();
    }
    assert.deepEqual(order.slice(0, 2), ['tab closed', 'file changed']);
    assert.deepEqual(proposalTabs(), [], 'the diff tab closed');
    assert.equal(diskText(), ORIGINAL.replace('return w * h;', 'return w * h; // in square units'));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri().toString());
    assert.ok(!doc?.isDirty, 'nothing is left unsaved');
    assert.ok(api.chat.snapshot().items.some((i) => i.kind === 'assistant' && i.markdown === 'Annotated.'), 'the task went on after the approval');
  });

  it('closes the diff tab on Reject and leaves the file unchanged', async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', edit('t2', 'return w * h;', 'return h * w;'), chatStream('Left as it was.'));
    const { done, changeId } = await proposeAndOpenDiff();
    assert.equal(await api.chat.handle({ type: 'reject', changeId, reason: 'keep the order' }), true);
    await done;
    assert.deepEqual(proposalTabs(), []);
    assert.equal(diskText(), ORIGINAL);
    // A proposal tab left over (restored from an earlier session) says what it is rather than show an empty file.
    const stale = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'tandem-proposal', path: `/${FILE}`, query: 'id=chg_from_an_earlier_session' }));
    assert.match(stale.getText(), /no longer waiting for approval/);
  });

  it('closes the diff tab when the task is stopped with the change still pending', async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', edit('t3', 'return w * h;', 'return 0;'));
    const { done } = await proposeAndOpenDiff();
    assert.equal(await api.chat.handle({ type: 'stop' }), true);
    await done;
    assert.deepEqual(proposalTabs(), [], 'the tab closed before the stopped request was answered');
    assert.equal(diskText(), ORIGINAL);
  });

  it("after a Reject from its diff, the model's next proposal for the file shows in a diff there", async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', edit('t5', 'return w * h;', 'return h * w;'), edit('t6', 'return w * h;', 'return w * h; // area'), chatStream('Annotated instead.'));
    const { done, changeId } = await proposeAndOpenDiff();
    assert.equal(await api.chat.handle({ type: 'reject', changeId, reason: 'annotate it instead' }), true);
    const s = await stateWhere((x) => x.changes.length === 1 && x.changes[0].id !== changeId, 'the second proposal');
    await until(() => proposalTabs().join() === `${s.changes[0].id}:/${FILE}`, 'the diff of the second proposal');
    assert.equal(await api.chat.handle({ type: 'approve', changeId: s.changes[0].id }), true);
    await done;
    assert.deepEqual(proposalTabs(), []);
    assert.equal(diskText(), ORIGINAL.replace('return w * h;', 'return w * h; // area'));
  });

  it('a newer proposal for the same file takes over the tab that showed the older one', async () => {
    const api = await tandem();
    const change = (id: string, newText: string): ProposedChange => ({ id, path: FILE, kind: 'update', oldText: ORIGINAL, newText, diff: '', added: 1, removed: 1 });
    const first = change('chg_first', ORIGINAL.replace('w * h', 'h * w'));
    const second = change('chg_second', ORIGINAL.replace('w * h', 'w * h * 1'));
    const ac = new AbortController();
    const older = api.chat.approver.request({ type: 'edit', toolCallId: 's1', changes: [first] }, ac.signal);
    await stateWhere((x) => x.changes.some((c) => c.id === first.id), 'the first card');
    assert.equal(await api.chat.handle({ type: 'viewDiff', changeId: first.id }), true);
    assert.deepEqual(proposalTabs(), [`${first.id}:/${FILE}`]);
    const newer = api.chat.approver.request({ type: 'edit', toolCallId: 's2', changes: [second] }, ac.signal);
    await until(() => proposalTabs().join() === `${second.id}:/${FILE}`, 'the tab to show the newer proposal');
    const shown = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tandem-proposal')!;
    assert.equal((await vscode.workspace.openTextDocument((shown.input as vscode.TabInputTextDiff).modified)).getText(), second.newText);
    assert.equal(shown.group, vscode.window.tabGroups.activeTabGroup, 'in the group the older tab was in');
    assert.equal(await api.chat.handle({ type: 'reject', changeId: first.id }), true);
    assert.equal((await older).approved, false);
    assert.deepEqual(proposalTabs(), [`${second.id}:/${FILE}`], 'deciding the older change leaves the newer tab open');
    ac.abort();
    assert.deepEqual(await newer, { approved: false, reason: 'The task was stopped.' });
    assert.deepEqual(proposalTabs(), []);
    assert.equal(diskText(), ORIGINAL);
  });
});
