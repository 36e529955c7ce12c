// A file link in a tool step, in a real VS Code: the file opens in the editor at the line, with the
// range selected when one is known; a path that leaves the workspace or a missing file is refused
// with a sentence and opens nothing.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { nextEvent, tandem } from './helpers';

describe('tool step file links', () => {
  it('opens the file at the line, the range selected, and refuses paths outside the workspace', async () => {
    const api = await tandem();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await api.chat.handle({ type: 'openLocation', path: 'src/math.js', line: 6, endLine: 8 }), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('/src/math.js'), 'the file is open in the editor');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.line], [5, 0, 7]);
    assert.equal(editor.selection.end.character, editor.document.lineAt(7).text.length, 'the whole last line is selected');
    assert.equal(await api.chat.handle({ type: 'openLocation', path: 'src/math.js', line: 999 }), true);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, editor.document.lineCount - 1, 'a line past the end goes to the last line');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [path, why] of [
      ['../../../../../../etc/passwd', /outside the workspace/],
      ['/etc/passwd', /outside the workspace/],
      ['file:///etc/passwd', /outside the workspace/],
      ['src/nope.js', /does not exist/],
    ] as const) {
      const refused = nextEvent(api.chat.onDidRefuse, () => true, 15_000, `the refusal of ${path}`);
      assert.equal(await api.chat.handle({ type: 'openLocation', path, line: 1 }), false, path);
      assert.match(await refused, why);
    }
    assert.equal(vscode.window.activeTextEditor, undefined, 'nothing was opened');
    assert.equal(await api.chat.handle({ type: 'openLocation', path: 'src/math.js', line: 0 }), false, 'line 0 fails validation');
  });
});
