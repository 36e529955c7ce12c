// Owns "Apply to file" on an answer's code block: the block replaces the selection of the open editor
// (or the whole file when nothing is selected, or the file the block names, which must be inside the
// workspace), always through VS Code's refactor preview — the diff is shown and nothing changes until
// the user applies it there.
import * as vscode from 'vscode';
import { canonicalRoot, resolveInWorkspace } from '../../core/policy/workspaceJail';

/** Returns undefined when the preview opened, or the sentence that says why it could not. */
export async function applyCode(code: string, path?: string): Promise<string | undefined> {
  let uri: vscode.Uri | undefined;
  let range: vscode.Range | undefined;
  if (path) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return 'Open a folder first: a code block is applied to a file of the workspace.';
    try {
      uri = vscode.Uri.file((await resolveInWorkspace(await canonicalRoot(folder.uri.fsPath), path)).abs);
    } catch (err) {
      return (err as Error).message;
    }
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return 'Open the file to apply the code to (or select the lines it replaces), then press Apply again.';
    uri = editor.document.uri;
    if (!editor.selection.isEmpty) range = editor.selection;
  }
  let doc: vscode.TextDocument | undefined;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    doc = undefined; // a new file: created by the edit
  }
  const edit = new vscode.WorkspaceEdit();
  const meta = { needsConfirmation: true, label: 'Apply code block from Tandem' };
  if (!doc) edit.createFile(uri, { contents: new TextEncoder().encode(code), ignoreIfExists: false }, meta);
  else edit.replace(uri, range ?? new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), code, meta);
  await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  return undefined;
}
