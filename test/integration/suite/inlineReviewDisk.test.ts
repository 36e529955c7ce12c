// Inline review and the disk, in a real VS Code: while an inline change waits for Keep or Undo the
// user's file (buffer and disk) stays as it was whatever files.autoSave is — a Save All mid-review
// writes nothing — closing the proposal applies nothing, and Keep is one undo step.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { nextEvent, setSettings, tandem, typeInInlineInput, until } from './helpers';

const ORIGINAL = 'export function sub(a, b) {\n  return a - b;\n}\n';
const PROPOSED = 'export function sub(a, b) {\n  return a + b;\n}\n';
const root = () => vscode.workspace.workspaceFolders![0].uri;

/** A file of its own per test, so its undo stack holds only what the test did. */
async function freshFile(name: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(root(), 'src', name);
  writeFileSync(uri.fsPath, ORIGINAL);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  editor.selection = new vscode.Selection(1, 0, 1, 0);
  return editor;
}

/** Sends an inline request whose model rewrites the file, and waits until the proposal is shown. */
async function propose(editor: vscode.TextEditor, server: ModelServer, name: string): Promise<{ finished: Promise<unknown>; proposal: vscode.Uri }> {
  const api = await tandem();
  server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: `w_${name}`, name: 'write_file', arguments: { path: `src/${name}`, content: PROPOSED } }]), chatStream('Fixed.'));
  await typeInInlineInput('fix the subtraction');
  const finished = nextEvent(api.inline.onDidFinish, () => true, 60_000, 'the inline request to end');
  await vscode.commands.executeCommand('editor.action.submitComment');
  if (!api.inlineReviews.active(editor.document.uri)) await nextEvent(api.inlineReviews.onDidChange, () => !!api.inlineReviews.active(editor.document.uri), 60_000, 'the change shown');
  const proposal = api.inlineReviews.proposalOf(editor.document.uri);
  assert.ok(proposal);
  return { finished, proposal };
}

const AUTOSAVE: Array<[string, Record<string, unknown>]> = [
  ['afterDelay (10 ms)', { 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 10 }],
  ['onFocusChange', { 'files.autoSave': 'onFocusChange' }],
  ['onWindowChange', { 'files.autoSave': 'onWindowChange' }],
  ['off', { 'files.autoSave': 'off' }],
];

describe('inline review and the disk', function () {
  this.timeout(120_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'files.autoSave': undefined, 'files.autoSaveDelay': undefined });
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
  });

  for (const [label, settings] of AUTOSAVE) {
    it(`writes nothing before Keep with files.autoSave ${label}`, async () => {
      await setSettings(settings);
      const name = `sub_${label.replace(/\W+/g, '_')}.js`;
      const editor = await freshFile(name);
      const { finished, proposal } = await propose(editor, server, name);
      const shown = await vscode.workspace.openTextDocument(proposal);
      assert.match(shown.getText(), /return a - b;\n {2}return a \+ b;/, 'the proposal shows both versions');
      // The file holds one version only and has nothing to save; Save All and a focus change write nothing.
      assert.equal(editor.document.getText(), ORIGINAL);
      assert.equal(editor.document.isDirty, false);
      await vscode.commands.executeCommand('workbench.action.files.saveAll');
      await vscode.window.showTextDocument(editor.document, { preview: false });
      await vscode.window.showTextDocument(shown, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.saveAll');
      assert.equal(readFileSync(editor.document.uri.fsPath, 'utf8'), ORIGINAL, 'the disk holds the file as it was');
      assert.equal(shown.isDirty, false);
      await vscode.commands.executeCommand('tandem.inline.keepAll', proposal.toString());
      await finished;
      assert.equal(readFileSync(editor.document.uri.fsPath, 'utf8'), PROPOSED, 'Keep writes the change');
    });
  }

  it('applies Keep as one undo step', async () => {
    await setSettings({ 'files.autoSave': 'off' });
    const editor = await freshFile('sub_undo.js');
    const { finished, proposal } = await propose(editor, server, 'sub_undo.js');
    await vscode.commands.executeCommand('tandem.inline.keepAll', proposal.toString());
    await finished;
    assert.equal(editor.document.getText(), PROPOSED);
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL, 'one Ctrl+Z takes the whole change back');
    // Nothing of the review is left on the undo stack: a second Ctrl+Z has nothing to take back.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL);
    await vscode.commands.executeCommand('redo');
    assert.equal(editor.document.getText(), PROPOSED, 'Ctrl+Y puts it back');
    await editor.document.save();
  });

  it('applies nothing when the proposal is closed, and tells the model', async () => {
    await setSettings({ 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 10 });
    const editor = await freshFile('sub_close.js');
    const { finished, proposal } = await propose(editor, server, 'sub_close.js');
    // The proposal's tab opens once the change is shown (its document is read-only).
    const tabOf = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === proposal.toString());
    await until(() => !!tabOf(), 'the proposal in a tab');
    const tab = tabOf()!;
    await vscode.window.tabGroups.close(tab);
    await finished;
    assert.equal(readFileSync(editor.document.uri.fsPath, 'utf8'), ORIGINAL);
    assert.equal(editor.document.getText(), ORIGINAL);
    const toolMsg = server.requestsTo('/v1/chat/completions')[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolMsg.content, /closed the proposal/);
  });
});
