// Owns the per-hunk decisions inside VS Code's diff editor: on the proposal side of a pending change,
// each undecided hunk carries "Approve hunk" / "Reject hunk" lenses that decide it exactly as the
// panel's hunk buttons do.
import * as vscode from 'vscode';
import type { PanelState } from '../../protocol/messages';
import { PROPOSAL_SCHEME } from './proposals';

export const APPROVE_HUNK = 'tandem.approveHunk';
export const REJECT_HUNK = 'tandem.rejectHunk';

export class HunkLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly cards: () => PanelState['changes'],
    stateChanged: vscode.Event<unknown>,
  ) {
    this.subscription = stateChanged(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (doc.uri.scheme !== PROPOSAL_SCHEME) return [];
    const changeId = new URLSearchParams(doc.uri.query).get('id');
    const card = this.cards().find((c) => c.id === changeId);
    return (card?.hunks ?? [])
      .filter((h) => !h.verdict)
      .flatMap((h) => {
        const line = Math.min(Math.max(h.newStart - 1, 0), Math.max(doc.lineCount - 1, 0));
        const range = new vscode.Range(line, 0, line, 0);
        return [
          new vscode.CodeLens(range, { title: `$(check) Approve hunk ${h.index + 1}`, command: APPROVE_HUNK, arguments: [card!.id, h.index] }),
          new vscode.CodeLens(range, { title: `$(close) Reject hunk ${h.index + 1}`, command: REJECT_HUNK, arguments: [card!.id, h.index] }),
        ];
      });
  }
}
