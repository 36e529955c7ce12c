// The card a task ends with, in a real VS Code: it names the files the task changed with their line
// counts, and a file's link opens VS Code's diff of that file before the task (read-only) against it
// now — from the turn's checkpoint, so a card from an earlier session opens too; a card with neither
// a checkpoint nor this session's copy says clearly why it cannot.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SummaryItem } from '../../../src/protocol/followViews';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { nextEvent, setSettings, stateWhere, tandem } from './helpers';

const FILE = 'src/summary.js';
const ORIGINAL = 'function half(x) {\n  return x / 2;\n}\n\nmodule.exports = { half };\n';
const CHANGED = ORIGINAL.replace('return x / 2;', 'if (typeof x !== "number") throw new TypeError("x");\n  return x / 2;');
const uri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...FILE.split('/'));

function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('summary card', function () {
  this.timeout(120_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(ORIGINAL));
  });
  after(async () => {
    server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri());
  });

  it('ends a task with a card of the files it changed, whose link opens the diff before the task ↔ now', async () => {
    const api = await tandem();
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    await api.chat.handle({ type: 'newTask' });
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 's1', name: 'write_file', arguments: { path: FILE, content: CHANGED } }]), chatStream('Checked the type.'));
    const done = api.chat.run('Check the type of x');
    const s = await stateWhere((x) => x.changes.length === 1, 'a pending change');
    await api.chat.handle({ type: 'approve', changeId: s.changes[0].id });
    await done;
    const card = api.chat.snapshot().items.find((i): i is SummaryItem => i.kind === 'summary');
    assert.ok(card, 'the task ends with a summary card');
    assert.equal(card.title, '1 file changed');
    assert.deepEqual(card.files, [{ path: FILE, added: 1, removed: 0 }]);
    assert.ok(card.checkpointId, 'the card keeps the checkpoint from before the task');

    assert.equal(await api.chat.handle({ type: 'openSummaryDiff', itemId: card.id, path: FILE }), true);
    const diff = activeDiff();
    assert.ok(diff, 'a diff editor opened');
    assert.equal(diff.original.scheme, 'tandem-before', 'the left side is a read-only document');
    assert.equal(diff.modified.toString(), uri().toString(), 'the right side is the file now');
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), ORIGINAL);
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), CHANGED);

    // A card from an earlier session (this session never saw its id): the checkpoint still has the text.
    // (Added to the live state the way a reopened task brings its stored items back.)
    const earlier: SummaryItem = { ...card, id: 'sum_from_an_earlier_session' };
    api.chat.snapshot().items.push(earlier);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await api.chat.handle({ type: 'openSummaryDiff', itemId: earlier.id, path: FILE }), true);
    assert.equal((await vscode.workspace.openTextDocument(activeDiff()!.original)).getText(), ORIGINAL);

    // Neither a checkpoint nor this session's copy: a clear refusal, nothing opened.
    const lost: SummaryItem = { ...card, id: 'sum_without_checkpoint', checkpointId: undefined };
    api.chat.snapshot().items.push(lost);
    const refused = nextEvent(api.chat.onDidRefuse, () => true, 15_000, 'the refusal');
    assert.equal(await api.chat.handle({ type: 'openSummaryDiff', itemId: lost.id, path: FILE }), false);
    assert.match(await refused, /from before this task is no longer available: no checkpoint was taken/);

    // Only the card's own files: another path is refused.
    assert.equal(await api.chat.handle({ type: 'openSummaryDiff', itemId: card.id, path: '../../etc/passwd' }), false);
  });
});
