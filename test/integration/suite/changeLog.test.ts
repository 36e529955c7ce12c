// The AI change log opens as a virtual document (tandem-log:, which the editor shows read-only), not an
// Untitled one that asks to be saved.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('change log document', () => {
  it('opens under tandem-log:, not as an Untitled document', async () => {
    await vscode.commands.executeCommand('tandem.showChangeLog');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor shows the log');
    assert.equal(editor.document.uri.scheme, 'tandem-log');
    assert.equal(editor.document.isUntitled, false);
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && /AI change log/i.test(d.getText())), 'no Untitled copy');
  });
});
