// The AI change log opens as a virtual document (tandem-log:), read-only in the real VS Code: an edit
// through a WorkspaceEdit, the editor API or typing is refused, saving does nothing, and it never turns
// into a dirty or Untitled document. Its Verify action (the editor title button) reports an intact log,
// and the entry where the file on disk was tampered with.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { userAnchor } from '../../../src/core/audit/heads';
import { AuditLedger, type Verification } from '../../../src/core/audit/ledger';
import { tandem, until } from './helpers';

/** `p`, or a failure naming `what` when it has not settled in `ms` (a step that hangs, e.g. a Save As dialog). */
function bounded<T>(p: Thenable<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([Promise.resolve(p), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

async function showLog(): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('tandem.showChangeLog');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor shows the log');
  assert.equal(editor.document.uri.scheme, 'tandem-log');
  return editor;
}

describe('change log document', () => {
  it('opens under tandem-log:, not as an Untitled document', async () => {
    const editor = await showLog();
    assert.equal(editor.document.isUntitled, false);
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && /AI change log/i.test(d.getText())), 'no Untitled copy');
  });

  it('refuses edits by WorkspaceEdit, by the editor API and by typing, and cannot be saved', async function () {
    this.timeout(120_000);
    await tandem();
    const editor = await showLog();
    const doc = editor.document;
    const before = doc.getText();
    // VS Code applies a WorkspaceEdit even to a read-only buffer: Tandem puts the log back at once.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'forged\n');
    await bounded(vscode.workspace.applyEdit(edit), 'applyEdit');
    await until(() => doc.getText() === before, 'the WorkspaceEdit to be undone', 30_000);
    await bounded(editor.edit((b) => b.insert(new vscode.Position(0, 0), 'forged\n')).then(undefined, () => false), 'TextEditor.edit');
    await until(() => doc.getText() === before, 'the editor API edit to be undone', 30_000);
    // Typing, deleting and pasting are refused by the read-only editor itself.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await bounded(vscode.commands.executeCommand('type', { text: 'typed' }), 'type');
    await bounded(vscode.commands.executeCommand('deleteLeft'), 'deleteLeft');
    await bounded(vscode.commands.executeCommand('editor.action.clipboardPasteAction'), 'paste');
    assert.equal(doc.getText(), before, 'typing changed the text');
    assert.equal(doc.isDirty, false);
    assert.equal(await bounded(doc.save(), 'TextDocument.save'), false, 'the document was saved');
    await bounded(vscode.commands.executeCommand('workbench.action.files.save'), 'File: Save');
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'tandem-log', 'saving opened something else (a Save As)');
    assert.equal(doc.isDirty, false);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled), 'an Untitled document appeared');
  });

  it('offers Verify in its title bar, which reports an intact log and the entry where the file was tampered with', async () => {
    const pkg = vscode.extensions.getExtension('tandem-dev.tandem')!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
    assert.ok(pkg.contributes.menus['editor/title'].some((m) => m.command === 'tandem.verifyChangeLog' && /^resourceScheme == '?tandem-log'?$/.test(m.when ?? '')), `Verify is not in the title bar of tandem-log: documents: ${JSON.stringify(pkg.contributes.menus['editor/title'])}`);
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const ledger = new AuditLedger(path.join(root, '.tandem', 'ai-changes.jsonl'), userAnchor(process.env));
    for (const n of [1, 2, 3]) await ledger.append({ task: `log doc ${n}`, model: 'm', file: `doc${n}.ts`, kind: 'update', diff: `+${n}\n`, approvedBy: 'user', findings: [] });
    const original = readFileSync(ledger.file, 'utf8');
    const lines = original.trimEnd().split('\n');
    const n = lines.length;
    const editor = await showLog();
    assert.match(editor.document.getText(), /log doc 3/, 'the document shows the newest entry');
    // What the title bar button runs: the command with the document's URI.
    const verify = () => vscode.commands.executeCommand<Verification>('tandem.verifyChangeLog', editor.document.uri);
    try {
      const intact = await verify();
      assert.equal(intact.ok, true, JSON.stringify(intact));
      assert.equal(intact.ok && intact.entries, n);
      const swapped = [...lines];
      [swapped[n - 3], swapped[n - 2]] = [swapped[n - 2], swapped[n - 3]];
      const cases: Array<[string, string, number, RegExp]> = [
        ['an edited line', original.replace('"file":"doc2.ts"', '"file":"evil.ts"'), n - 1, /was edited/],
        ['a deleted line', [...lines.slice(0, n - 2), lines[n - 1]].join('\n') + '\n', n - 1, /does not follow entry|removed/],
        ['reordered lines', swapped.join('\n') + '\n', n - 2, /does not follow entry|reordered/],
      ];
      for (const [name, text, line, reason] of cases) {
        writeFileSync(ledger.file, text);
        const v = await verify();
        assert.equal(v.ok, false, `${name}: verified as intact`);
        assert.equal(!v.ok && v.line, line, `${name}: ${JSON.stringify(v)}`);
        assert.match(!v.ok ? v.reason : '', reason, `${name}: ${JSON.stringify(v)}`);
      }
    } finally {
      writeFileSync(ledger.file, original);
    }
    assert.equal((await verify()).ok, true);
  });
});
