// Owns the read-only virtual documents that show a proposed change in VS Code's diff editor.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/tools/types';

export const PROPOSAL_SCHEME = 'tandem-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  remember(change: ProposedChange): void {
    this.texts.set(change.id, change.newText ?? '');
  }

  forget(id: string): void {
    this.texts.delete(id);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(new URLSearchParams(uri.query).get('id') ?? '') ?? '';
  }

  /** Opens VS Code's diff editor: the current file (or nothing) against the proposal. */
  async showDiff(root: vscode.Uri, change: ProposedChange): Promise<void> {
    this.remember(change);
    const right = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${change.newPath ?? change.path}`, query: `id=${encodeURIComponent(change.id)}` });
    const left = change.kind === 'create' ? vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${change.path}`, query: 'id=' }) : vscode.Uri.joinPath(root, ...change.path.split('/'));
    await vscode.commands.executeCommand('vscode.diff', left, right, `${change.path} ↔ Tandem's proposal`, { preview: true });
  }
}
