// Owns the diff tabs that show a proposed change: finding the tabs of a proposal (only tabs whose
// modified side is our own proposal URI), and closing them once the change is decided.
//
// Why closing is safe to await: VS Code asks "save changes?" on close only when the tab's primary
// (modified) side is dirty (editorGroupView.shouldConfirmClose → SideBySideEditorInput.isDirty). Our
// modified side is a read-only virtual document, so closing one of our tabs never prompts and never
// waits on the user. The approver closes the tabs *before* the loop applies the change, so the file's
// WorkspaceEdit and save never run while a diff editor on that file is being torn down.
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'tandem-proposal';

/** The read-only right side of a proposal's diff: `tandem-proposal:/<path>?id=<change id>`. */
export function proposalUri(id: string, relPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${relPath}`, query: `id=${encodeURIComponent(id)}` });
}

/** The change id a proposal URI shows; undefined for any other URI (or the empty left side of a new file). */
export function proposalIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== PROPOSAL_SCHEME) return undefined;
  return new URLSearchParams(uri.query).get('id') || undefined;
}

export interface ProposalTab {
  tab: vscode.Tab;
  id: string;
  /** The workspace-relative path the proposal changes (its new path for a move). */
  path: string;
}

/** Every open diff tab whose modified side is one of our proposals. */
export function proposalTabs(): ProposalTab[] {
  const out: ProposalTab[] = [];
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (!(tab.input instanceof vscode.TabInputTextDiff)) continue;
    const id = proposalIdOf(tab.input.modified);
    if (id) out.push({ tab, id, path: tab.input.modified.path.replace(/^\//, '') });
  }
  return out;
}

/**
 * Closes the diff tabs showing any of `ids`. Resolves once VS Code has closed them (at once: they
 * cannot prompt, see above); a tab the user closed meanwhile is not an error.
 */
export async function closeProposalTabs(ids: ReadonlySet<string>): Promise<void> {
  const tabs = proposalTabs().filter((t) => ids.has(t.id));
  if (tabs.length === 0) return;
  try {
    await vscode.window.tabGroups.close(tabs.map((t) => t.tab), true);
  } catch {
    // A tab closed by the user between the lookup and the close: close the ones still open.
    const left = proposalTabs().filter((t) => ids.has(t.id));
    if (left.length) await vscode.window.tabGroups.close(left.map((t) => t.tab), true);
  }
}
