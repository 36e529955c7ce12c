// Inline chat and the refactor commands in a real VS Code, against the scripted model server: the
// change shows in place and Keep / Undo per hunk leave exactly the kept hunks on disk (through the
// change log), guard findings mark the proposed lines, the refactor commands start fresh tasks with
// the exact lines, Fix with Tandem sends the whole function, and a task ends with a summary of the
// files it changed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { AuditLedger } from '../../../src/core/audit/ledger';
import { applyHunks } from '../../../src/core/edits/hunks';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { nextEvent, openFile, setSettings, stateWhere, tandem, typeInInlineInput, until } from './helpers';

const ORIGINAL = readFileSync(require.resolve('../../../../test/fixtures/workspace/src/math.js'), 'utf8');
const PROPOSED = ORIGINAL.replace('function add(a, b) {\n', 'function add(a, b) {\n  if (typeof a !== "number") throw new TypeError("a must be a number");\n').replace('return a * b;', 'return b * a;');
const root = () => vscode.workspace.workspaceFolders![0].uri;
const diskText = (rel: string) => readFileSync(vscode.Uri.joinPath(root(), rel).fsPath, 'utf8');

async function resetMath(): Promise<vscode.TextEditor> {
  const editor = await openFile('src/math.js');
  const doc = editor.document;
  if (doc.getText() !== ORIGINAL) await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), ORIGINAL));
  if (doc.isDirty) await doc.save();
  return editor;
}

/** The Keep / Undo lenses VS Code shows on the file, by their command. */
async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((l) => l.command?.command.startsWith('tandem.inline.'));
}

/** Opens inline chat on the selection, types `text` into its input (it has the keyboard at once) and sends it with the input's own key. */
async function ask(editor: vscode.TextEditor, text: string): Promise<{ finished: Promise<unknown> }> {
  const api = await tandem();
  const line = editor.selection.start.line;
  await typeInInlineInput(text);
  const finished = nextEvent(api.inline.onDidFinish, () => true, 60_000, 'the inline request to end');
  await vscode.commands.executeCommand('editor.action.submitComment');
  const thread = api.inline.threadFor(editor.document.uri) ?? (await nextEvent(api.inline.onDidOpen, (t) => t.uri.toString() === editor.document.uri.toString(), 30_000, 'the thread to take the request'));
  assert.equal(thread.range?.start.line, line);
  assert.equal(editor.document.isDirty, false, 'nothing was typed into the file');
  // Wrapped: an async function returning the promise itself would wait for it.
  return { finished };
}

async function reviewShown(uri: vscode.Uri): Promise<void> {
  const api = await tandem();
  if (!api.inlineReviews.active(uri)) await nextEvent(api.inlineReviews.onDidChange, () => !!api.inlineReviews.active(uri), 60_000, 'the change shown in place');
}

describe('inline chat and refactor commands', function () {
  this.timeout(120_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
  });

  it('shows the change in place and leaves exactly the kept hunk on disk after Keep and Undo', async () => {
    const api = await tandem();
    const editor = await resetMath();
    editor.selection = new vscode.Selection(1, 0, 7, 1);
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'i1', name: 'write_file', arguments: { path: 'src/math.js', content: PROPOSED } }]), chatStream('Added a type check.'));
    const { finished } = await ask(editor, 'check the arguments');
    await reviewShown(editor.document.uri);
    // Beside the file: the added check and both versions of the multiply line are in the proposal; the file itself is untouched.
    const proposal = api.inlineReviews.proposalOf(editor.document.uri)!;
    const shown = (await vscode.workspace.openTextDocument(proposal)).getText();
    assert.match(shown, /throw new TypeError/);
    assert.match(shown, /return a \* b;\n {2}return b \* a;/);
    assert.equal(editor.document.getText(), ORIGINAL);
    const ls = await lenses(proposal);
    const keep = ls.filter((l) => l.command!.command === 'tandem.inline.keepHunk');
    const undo = ls.filter((l) => l.command!.command === 'tandem.inline.undoHunk');
    assert.equal(keep.length, 2, 'one Keep per hunk');
    assert.ok(ls.some((l) => l.command!.command === 'tandem.inline.keepAll'));
    await vscode.commands.executeCommand(keep[0].command!.command, ...keep[0].command!.arguments!);
    assert.equal((await lenses(proposal)).filter((l) => l.command!.command === 'tandem.inline.keepHunk').length, 1, 'the kept hunk has no lenses left');
    await until(async () => /throw new TypeError[^\n]*\n {2}return a \+ b;/.test((await vscode.workspace.openTextDocument(proposal)).getText()), 'the kept hunk without its old lines');
    assert.equal(diskText('src/math.js'), ORIGINAL, 'nothing is written before the last verdict');
    await vscode.commands.executeCommand(undo[1].command!.command, ...undo[1].command!.arguments!);
    const outcome = (await finished) as { title: string; reason: string };
    assert.equal(outcome.reason, 'answer');
    const expected = applyHunks(ORIGINAL, PROPOSED, new Set([0]));
    assert.equal(diskText('src/math.js'), expected);
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, false);
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === proposal.toString())), 'the proposal closes');
    assert.equal(api.inlineReviews.active(editor.document.uri), undefined);
    // Through the change log, under the inline request's own name.
    const entry = (await new AuditLedger(vscode.Uri.joinPath(root(), '.tandem', 'ai-changes.jsonl').fsPath).entries()).pop();
    assert.deepEqual([entry?.file, entry?.approvedBy], ['src/math.js', 'user']);
    assert.match(entry?.task ?? '', /^Inline: check the arguments/);
    // The request: the selection and instruction; read-only tools plus the file edits, no commands.
    const first = server.requestsTo('/v1/chat/completions')[0].body;
    const user = first.messages.filter((m: { role: string }) => m.role === 'user').pop();
    assert.match(user.content, /^Inline edit request at src\/math\.js, lines 2-8: check the arguments/);
    const tools = first.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.ok(tools.includes('edit_file') && tools.includes('read_file'));
    assert.ok(!tools.includes('run_command') && !tools.includes('apply_patch'));
    // The model heard which hunk was left out.
    const toolMsg = server.requestsTo('/v1/chat/completions')[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolMsg.content, /Rejected hunk 2 of 2/);
    await resetMath();
  });

  it('marks a guard finding on the proposed line, and Undo all leaves the file as it was', async () => {
    const api = await tandem();
    const editor = await resetMath();
    editor.selection = new vscode.Selection(9, 0, 9, 0);
    const risky = ORIGINAL + 'module.exports.find = (db, id) => db.query("SELECT * FROM users WHERE id = " + id);\n';
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'i2', name: 'write_file', arguments: { path: 'src/math.js', content: risky } }]), chatStream('Understood.'));
    // Findings other suites left on this file (Review File for Security) are not the review's.
    const guardDiagnostics = () => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Tandem Guard').length;
    const before = guardDiagnostics();
    const { finished } = await ask(editor, 'add a lookup');
    await reviewShown(editor.document.uri);
    const proposal = api.inlineReviews.proposalOf(editor.document.uri)!;
    const line = (await vscode.workspace.openTextDocument(proposal)).getText().split('\n').findIndex((l) => l.includes('SELECT'));
    await until(() => vscode.languages.getDiagnostics(proposal).some((d) => d.source === 'Tandem Guard'), 'the guard finding as a diagnostic');
    const finding = vscode.languages.getDiagnostics(proposal).find((d) => d.source === 'Tandem Guard' && /sql-injection/.test(String(d.code)))!;
    assert.equal(finding.range.start.line, line);
    assert.match(String(finding.code), /sql-injection/);
    await vscode.commands.executeCommand('tandem.inline.undoAll', editor.document.uri.toString());
    await finished;
    assert.equal(diskText('src/math.js'), ORIGINAL);
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal(editor.document.isDirty, false);
    assert.equal(guardDiagnostics(), before, 'the file never had the finding');
    assert.equal(vscode.languages.getDiagnostics(proposal).length, 0, 'the finding goes with the proposal');
    const toolMsg = server.requestsTo('/v1/chat/completions')[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolMsg.content, /rejected.*undid the change/);
    await until(() => api.inline.threadFor(editor.document.uri) === undefined, 'the thread to close once the review ended');
  });

  it('starts a refactor command as a fresh task with the exact lines and a readable message', async () => {
    const api = await tandem();
    const editor = await resetMath();
    server.enqueue('/v1/chat/completions', chatStream('Remembered.'));
    await api.chat.run('Remember the word kiwi');
    const earlier = api.chat.snapshot().taskId;
    server.reset();
    // Lines 2-4 selected down to column 0 of line 5: line 5 is not part of it.
    editor.selection = new vscode.Selection(1, 0, 4, 0);
    server.enqueue('/v1/chat/completions', chatStream('It adds.'));
    await vscode.commands.executeCommand('tandem.explainSelection');
    const s = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'It adds.'), 'the answer');
    const body = server.requestsTo('/v1/chat/completions')[0].body;
    assert.doesNotMatch(JSON.stringify(body.messages), /kiwi|Remembered/, 'no message of the earlier task');
    const user = body.messages.filter((m: { role: string }) => m.role === 'user').pop();
    assert.match(user.content, /Explain this code from src\/math\.js, lines 2-4\./);
    assert.match(user.content, /```javascript\nfunction add\(a, b\) \{\n {2}return a \+ b;\n\}\n```/);
    assert.notEqual(s.taskId, earlier);
    assert.equal(s.title, 'Explain src/math.js, lines 2-4');
    const shown = s.items.find((i) => i.kind === 'user');
    assert.equal(shown?.kind === 'user' && shown.text, 'Explain src/math.js, lines 2-4');
  });

  it('sends the whole enclosing function for Fix with Tandem on a one-word diagnostic', async () => {
    const editor = await resetMath();
    const diagnostics = vscode.languages.createDiagnosticCollection('tandem-test');
    const range = new vscode.Range(2, 9, 2, 10);
    diagnostics.set(editor.document.uri, [new vscode.Diagnostic(range, 'b may be undefined', vscode.DiagnosticSeverity.Warning)]);
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range);
      const fix = actions.find((a) => a.title === 'Fix with Tandem');
      assert.ok(fix?.command, 'the code action is offered');
      server.enqueue('/v1/chat/completions', chatStream('It needs a default for b.'));
      const api = await tandem();
      const finished = nextEvent(api.inline.onDidFinish, () => true, 60_000, 'the fix request to end');
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      await finished;
      const user = server.requestsTo('/v1/chat/completions')[0].body.messages.filter((m: { role: string }) => m.role === 'user').pop();
      assert.match(user.content, /Inline edit request at src\/math\.js, lines 2-4: Fix this problem/);
      assert.match(user.content, /```javascript\nfunction add\(a, b\) \{\n {2}return a \+ b;\n\}\n```/);
      assert.match(user.content, /line 3: b may be undefined/);
      const thread = api.inline.threadFor(editor.document.uri);
      assert.match(String((thread?.comments.at(-1)?.body as vscode.MarkdownString).value), /needs a default for b/);
    } finally {
      diagnostics.dispose();
    }
  });

  it('ends a task with a summary of the files it changed', async () => {
    const api = await tandem();
    await resetMath();
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'd1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b; // sum' } }]), chatStream('Done.'));
    const done = api.chat.run('Comment the sum');
    const s = await stateWhere((x) => x.changes.length === 1, 'a pending change');
    await api.chat.handle({ type: 'approve', changeId: s.changes[0].id });
    await done;
    assert.match(diskText('src/math.js'), /return a \+ b; \/\/ sum/);
    const card = api.chat.snapshot().items.find((i) => i.kind === 'summary');
    assert.deepEqual(card?.kind === 'summary' && [card.title, card.files], ['1 file changed', [{ path: 'src/math.js', added: 1, removed: 1 }]]);
    await resetMath();
  });
});
