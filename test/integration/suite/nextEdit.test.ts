// Next edit suggestions in a real VS Code against the scripted model: the user renames a parameter
// at the top of a function, the model's answer renames its uses lower down, the suggestion shows at
// those lines; Tab jumps, Tab applies exactly what the model proposed as one undo step; Esc
// dismisses; typing takes it away; a secret file asks nothing; the status menu turns it on and off.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NextEditEvent } from '../../../src/vscode/nextEdit/controller';
import { statusMenuItems } from '../../../src/vscode/model/statusMenu';
import { ModelServer } from '../../fixtures/modelServer';
import { completionStream } from '../../fixtures/replies';
import { nextEvent, setSettings, tandem } from './helpers';

const BEFORE = ['// area of a rectangle', 'function area(w, h) {', '  const s = w * h;', '  console.log(w, h);', '  return s;', '}', ''].join('\n');
const RENAMED = BEFORE.replace('area(w,', 'area(width,');
const PROPOSED = RENAMED.replace('w * h', 'width * h').replace('log(w,', 'log(width,');
const START = '<|editable_region_start|>';
const END = '<|editable_region_end|>';
/** Zeta's answer: the excerpt rewritten, the region between the markers. */
const ANSWER = '```src/sub.js\n<|start_of_file|>\n' + START + '\n' + PROPOSED + '\n' + END + '\n```';

describe('next edit suggestions', () => {
  let server: ModelServer;

  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'tandem.nextEdit.enabled': false, 'tandem.completion.enabled': true });
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    // Only a prompt that shows the rename gets the proposal; any other gets an answer without markers.
    server.onRequest('/v1/completions', (r) => completionStream(String(r.body?.prompt).includes('function area(width') ? ANSWER : 'nothing to suggest'));
    await setSettings({
      'tandem.baseUrl': server.url,
      'tandem.completion.enabled': false,
      'tandem.nextEdit.enabled': true,
      'tandem.nextEdit.model': 'zeta',
      'tandem.nextEdit.baseUrl': '',
      'tandem.nextEdit.format': 'auto',
      'tandem.nextEdit.debounceMs': 0,
    });
  });

  let file = 0;
  const created: vscode.Uri[] = [];
  afterEach(async () => {
    for (const uri of created.splice(0)) {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  /** Opens a fresh file with the function, renames its parameter as the user would, and waits for the suggestion. */
  async function renameAndWait(): Promise<{ editor: vscode.TextEditor; shown: Extract<NextEditEvent, { kind: 'shown' }> }> {
    const api = await tandem();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'src', `nextEdit${++file}.js`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BEFORE));
    created.push(uri);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(editor.document.getText(new vscode.Range(1, 14, 1, 15)), 'w');
    editor.selection = new vscode.Selection(1, 14, 1, 15);
    const shown = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'shown', 15_000, 'a shown next edit');
    // Typing over the selected parameter, as the user would.
    await vscode.commands.executeCommand('type', { text: 'width' });
    const e = (await shown) as Extract<NextEditEvent, { kind: 'shown' }>;
    return { editor, shown: e };
  }

  it('shows the renamed uses at their lines; Tab jumps, Tab applies exactly what the model proposed in one undo step', async () => {
    const api = await tandem();
    const { editor, shown } = await renameAndWait();
    assert.equal(shown.atCursor, false);
    assert.deepEqual(shown.edits.map((e) => e.start.line), [2, 3], 'the edits are at the uses below');
    const prompt: string = server.requestsTo('/v1/completions').at(-1)!.body.prompt;
    assert.match(prompt, /User edited "src\/nextEdit\d+\.js":\n```diff\n[\s\S]*-function area\(w, h\) \{\n\+function area\(width, h\) \{/);
    assert.ok(prompt.includes('function area(width<|user_cursor_is_here|>, h) {'));

    const jumped = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'jumped', 5_000, 'the jump');
    await vscode.commands.executeCommand('tandem.nextEdit.tab');
    assert.equal((await jumped).kind, 'jumped');
    assert.equal(editor.selection.active.line, 2, 'Tab moved the cursor to the first edit');
    assert.equal(editor.document.getText(), RENAMED, 'jumping changes nothing');

    const applied = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'hidden' && e.reason === 'done', 5_000, 'the applied edit');
    await vscode.commands.executeCommand('tandem.nextEdit.tab');
    await applied;
    assert.equal(editor.document.getText(), PROPOSED, 'the file is exactly what the model proposed');
    assert.equal(api.nextEdit.controller.current(), undefined);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), RENAMED, 'one undo takes the whole suggestion back');
  });

  it('Esc dismisses the suggestion and leaves the file alone', async () => {
    const api = await tandem();
    const { editor } = await renameAndWait();
    const hidden = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'hidden', 5_000, 'the dismissal');
    await vscode.commands.executeCommand('tandem.nextEdit.dismiss');
    assert.deepEqual(await hidden, { kind: 'hidden', uri: editor.document.uri.toString(), reason: 'dismissed' });
    assert.equal(editor.document.getText(), RENAMED);
    // Tab does nothing more now.
    await vscode.commands.executeCommand('tandem.nextEdit.tab');
    assert.equal(editor.document.getText(), RENAMED);
  });

  it('typing takes the suggestion away, and its answer for the old text is never shown', async () => {
    const api = await tandem();
    const { editor } = await renameAndWait();
    const hidden = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'hidden', 5_000, 'the suggestion going');
    const settled = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'settled', 15_000, 'the next prediction');
    editor.selection = new vscode.Selection(4, 10, 4, 10);
    await vscode.commands.executeCommand('type', { text: ' ' });
    assert.deepEqual(await hidden, { kind: 'hidden', uri: editor.document.uri.toString(), reason: 'typed' });
    // A new prediction follows for the new text: whatever it shows replaces what the document holds now.
    await settled;
    const cur = api.nextEdit.controller.current();
    for (const step of cur?.steps ?? []) for (const e of step) assert.equal(editor.document.getText(new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character)), e.oldText);
  });

  it('asks nothing for a secret file', async () => {
    const api = await tandem();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const env = vscode.Uri.joinPath(folder, '.env.nextedit');
    await vscode.workspace.fs.writeFile(env, Buffer.from('TOKEN=abc\n'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(env));
      const before = api.nextEdit.requestsSent();
      const settled = nextEvent(api.nextEdit.controller.onDidChange, (e) => e.kind === 'settled', 15_000, 'the prediction to settle');
      await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'OTHER=1\n'));
      assert.equal((await settled).kind, 'settled');
      assert.equal(api.nextEdit.requestsSent(), before);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(env);
    }
  });

  it('the status menu turns next edit suggestions off and on', async () => {
    await tandem();
    const off = statusMenuItems(undefined, async () => undefined).find((i) => /next edit suggestions/.test(i.label));
    assert.equal(off?.label, '$(circle-slash) Turn next edit suggestions off');
    await off!.run!();
    assert.equal(vscode.workspace.getConfiguration('tandem').get('nextEdit.enabled'), false);
    const on = statusMenuItems(undefined, async () => undefined).find((i) => /next edit suggestions/.test(i.label));
    assert.equal(on?.label, '$(arrow-right) Turn next edit suggestions on');
    await on!.run!();
    assert.equal(vscode.workspace.getConfiguration('tandem').get('nextEdit.enabled'), true);
  });
});
