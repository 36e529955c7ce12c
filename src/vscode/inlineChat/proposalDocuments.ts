// Owns the read-only documents an inline review is shown in. The proposal (each hunk's removed lines
// above its added lines) lives in a document of its own scheme, served from memory: VS Code cannot
// save it, auto-save has nothing to write, and a reload or crash leaves the user's file exactly as it
// was. Only Keep writes the file, through the agent's applier, as one edit.
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'tandem-inline-proposal';

let seq = 0;

/** A fresh proposal address for `file`: the same folder and name (so the tab reads as the file) plus a review id. */
export function proposalUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: file.path, query: `review=${Date.now().toString(36)}${++seq}` });
}

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  set(uri: vscode.Uri, text: string): void {
    const had = this.texts.has(uri.toString());
    this.texts.set(uri.toString(), text);
    if (had) this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    // A tab restored after a reload: the review it showed ended with the window, nothing was applied.
    return this.texts.get(uri.toString()) ?? '// This Tandem proposal is no longer open; nothing from it was applied to the file.\n';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

/** Closes every tab showing `uri` (a review that ended). */
export async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
