// Owns opening a file a tool step names (a link in the panel) in the editor at its line, the range
// selected when the step knew one. Which paths may open is core's rule (core/policy/openLocation.ts);
// a refusal comes back as the sentence the panel shows.
import * as vscode from 'vscode';
import { resolveLocation } from '../../core/policy/openLocation';
import { canonicalRoot } from '../../core/policy/workspaceJail';

export async function openLocation(path: string, line?: number, endLine?: number): Promise<true | string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return 'Open the workspace folder to open its files from the panel.';
  const loc = await resolveLocation(await canonicalRoot(folder.uri.fsPath), path, line, endLine);
  if ('error' in loc) return loc.error;
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, ...loc.rel.split('/')));
  } catch (err) {
    return `${loc.rel} could not be opened as text: ${(err as Error).message}`;
  }
  const last = Math.max(0, doc.lineCount - 1);
  const start = Math.min((loc.line ?? 1) - 1, last);
  const end = loc.endLine !== undefined ? Math.min(loc.endLine - 1, last) : start;
  const selection = loc.endLine !== undefined ? new vscode.Range(start, 0, end, doc.lineAt(end).text.length) : new vscode.Range(start, 0, start, 0);
  await vscode.window.showTextDocument(doc, { selection, preview: true });
  return true;
}
