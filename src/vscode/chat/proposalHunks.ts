// Owns per-hunk decisions in VS Code's diff editor with default settings. Diff editors show CodeLens
// only with `diffEditor.codeLens` on, which VS Code ships off, so the lenses of hunkLenses.ts are not
// enough: the proposal's diff also gets "Approve Hunk at Cursor" / "Reject Hunk at Cursor" in its
// title bar and context menu, deciding the hunk under the cursor (on either side)
// or else the nearest undecided one, and each hunk's first line says whether it is approved, rejected
// or still waiting.
import * as vscode from 'vscode';
import type { PanelState } from '../../protocol/messages';
import { PROPOSAL_SCHEME } from './proposals';

export const APPROVE_AT_CURSOR = 'tandem.approveHunkAtCursor';
export const REJECT_AT_CURSOR = 'tandem.rejectHunkAtCursor';

type Card = PanelState['changes'][number];
type Hunk = NonNullable<Card['hunks']>[number];

/** The lines (1-based, inclusive) a hunk changes in the old and the new text; a pure insertion or deletion: the line it sits at. */
export function hunkLines(h: Hunk): { old: [number, number]; new: [number, number] } {
  const body = h.text.split('\n').slice(1);
  const removed = body.filter((l) => l.startsWith('-')).length;
  const added = body.filter((l) => l.startsWith('+')).length;
  return { old: [h.oldStart, h.oldStart + Math.max(removed, 1) - 1], new: [h.newStart, h.newStart + Math.max(added, 1) - 1] };
}

/** The hunk at a line of one side, else the undecided hunk nearest to it. */
export function hunkAt(hunks: readonly Hunk[], line: number, side: 'old' | 'new'): Hunk | undefined {
  const inside = hunks.find((h) => {
    const [a, b] = hunkLines(h)[side];
    return line >= a && line <= b;
  });
  if (inside) return inside;
  const distance = (h: Hunk) => {
    const [a, b] = hunkLines(h)[side];
    return line < a ? a - line : line - b;
  };
  return hunks.filter((h) => !h.verdict).sort((x, y) => distance(x) - distance(y))[0];
}

export class ProposalHunks implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    after: { margin: '0 0 0 2em', fontStyle: 'italic', color: new vscode.ThemeColor('editorCodeLens.foreground') },
  });
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly cards: () => PanelState['changes'],
    stateChanged: vscode.Event<unknown>,
    /** Decides one hunk, or (index undefined) the whole change. */
    private readonly decide: (changeId: string, index: number | undefined, approve: boolean) => Promise<boolean>,
  ) {
    this.disposables = [
      this.decoration,
      stateChanged(() => this.decorate()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
      vscode.commands.registerCommand(APPROVE_AT_CURSOR, () => this.atCursor(true)),
      vscode.commands.registerCommand(REJECT_AT_CURSOR, () => this.atCursor(false)),
    ];
  }

  private cardOf(doc: vscode.TextDocument): Card | undefined {
    if (doc.uri.scheme !== PROPOSAL_SCHEME) return undefined;
    const id = new URLSearchParams(doc.uri.query).get('id');
    return this.cards().find((c) => c.id === id);
  }

  /** Decides the hunk under the cursor of the active diff side (the proposal, or the file it changes). */
  private async atCursor(approve: boolean): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return false;
    const line = editor.selection.active.line + 1;
    let card = this.cardOf(editor.document);
    let side: 'old' | 'new' = 'new';
    if (!card) {
      // The left side of the diff: the file as it is, beside its proposal.
      const proposal = vscode.window.visibleTextEditors.map((e) => this.cardOf(e.document)).find((c) => c && editor.document.uri.path.endsWith(`/${c.path}`));
      card = proposal;
      side = 'old';
    }
    if (!card) {
      void vscode.window.showInformationMessage('Tandem: put the cursor in the diff of a change waiting for approval.');
      return false;
    }
    // One hunk: the hunk is the whole change.
    if (!card.hunks?.length) return this.decide(card.id, undefined, approve);
    const hunk = hunkAt(card.hunks, line, side);
    if (!hunk) {
      void vscode.window.showInformationMessage('Tandem: every hunk of this change is already decided.');
      return false;
    }
    if (hunk.verdict) {
      void vscode.window.showInformationMessage(`Tandem: hunk ${hunk.index + 1} is already ${hunk.verdict}.`);
      return false;
    }
    return this.decide(card.id, hunk.index, approve);
  }

  /** Each hunk's first line in a visible proposal says where it stands. */
  private decorate(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const card = this.cardOf(editor.document);
      if (editor.document.uri.scheme !== PROPOSAL_SCHEME) continue;
      const hunks = card?.hunks ?? [];
      editor.setDecorations(
        this.decoration,
        hunks.map((h) => {
          const line = Math.min(Math.max(hunkLines(h).new[0] - 1, 0), Math.max(editor.document.lineCount - 1, 0));
          const text = h.verdict ? `${h.verdict === 'approved' ? '✓' : '✗'} hunk ${h.index + 1} of ${hunks.length} ${h.verdict}` : `hunk ${h.index + 1} of ${hunks.length} waiting: Approve / Reject Hunk at Cursor (title bar or context menu)`;
          return { range: new vscode.Range(line, 0, line, 0), renderOptions: { after: { contentText: text } } };
        }),
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
