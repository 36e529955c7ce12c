// Owns the in-place review of an inline chat's proposed change: the editor shows each hunk's removed
// lines (red, struck through) above its added lines (green), with Keep / Undo lenses per hunk and for
// all, keybindings for the hunk at the cursor, and guard findings as diagnostics on the proposed
// lines. When every hunk has a verdict the file goes back to its old text and the decision returns
// to the agent, whose edit flow writes the kept hunks through the applier, the change log and the
// checkpoints — the same path as the panel.
import * as vscode from 'vscode';
import { InlineDiff, type InlineVerdict, type LineDeletion } from '../../core/edits/inlineDiff';
import type { Finding } from '../../core/changes/finding';
import type { ApprovalDecision } from '../../core/changes/approval';
import type { ProposedChange } from '../../core/changes/change';

export const KEEP_HUNK = 'tandem.inline.keepHunk';
export const UNDO_HUNK = 'tandem.inline.undoHunk';
export const KEEP_ALL = 'tandem.inline.keepAll';
export const UNDO_ALL = 'tandem.inline.undoAll';
/** Context key: the active editor shows an inline review (the keybindings are on only then). */
export const REVIEW_CONTEXT = 'tandem.inlineReview';

interface Decorations {
  added: vscode.TextEditorDecorationType;
  removed: vscode.TextEditorDecorationType;
}

class Review {
  private editing = false;
  private settled = false;
  readonly diff: InlineDiff;

  constructor(
    readonly doc: vscode.TextDocument,
    readonly change: ProposedChange,
    private readonly findings: Finding[],
    private readonly owner: InlineReviews,
    private readonly resolve: (d: ApprovalDecision) => void,
  ) {
    this.diff = new InlineDiff(change.oldText ?? '', change.newText ?? '');
  }

  /** True while this review itself edits the document (those edits do not end it). */
  isEditing(): boolean {
    return this.editing;
  }

  async replaceAll(text: string): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.doc.uri, new vscode.Range(this.doc.positionAt(0), this.doc.positionAt(this.doc.getText().length)), text);
    return this.withEdit(edit);
  }

  private async withEdit(edit: vscode.WorkspaceEdit): Promise<boolean> {
    this.editing = true;
    try {
      return await vscode.workspace.applyEdit(edit);
    } finally {
      this.editing = false;
    }
  }

  private async deleteLines(d: LineDeletion): Promise<void> {
    if (d.count === 0) return;
    const last = this.doc.lineCount - 1;
    const end = d.start + d.count;
    // The file's last line has no line break after it: take the one before instead.
    const range = end > last ? new vscode.Range(d.start > 0 ? this.doc.lineAt(d.start - 1).range.end : new vscode.Position(0, 0), this.doc.lineAt(last).range.end) : new vscode.Range(d.start, 0, end, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(this.doc.uri, range);
    await this.withEdit(edit);
  }

  async decide(index: number, verdict: InlineVerdict): Promise<boolean> {
    if (this.settled) return false;
    const deletion = this.diff.decide(index, verdict);
    if (!deletion) return false;
    await this.deleteLines(deletion);
    if (this.diff.done()) await this.finish();
    else this.owner.refresh();
    return true;
  }

  /** Every hunk decided (or the review ended early, with `reason`): the file gets its old text back and the agent the verdict. */
  async finish(reason?: string): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    this.owner.ended(this);
    if (!this.doc.isClosed && this.doc.getText() !== (this.change.oldText ?? '')) await this.replaceAll(this.change.oldText ?? '');
    const undone = reason ? this.diff.hunks.map((h) => h.index) : this.diff.undone();
    if (undone.length === this.diff.hunks.length) {
      // Nothing is kept: the document holds the file's own text again; saving only clears the dirty mark.
      if (this.doc.isDirty && !this.doc.isClosed) await this.doc.save();
      this.resolve({ approved: false, reason: reason ?? 'The user undid the change in the editor.' });
    } else if (undone.length === 0) this.resolve({ approved: true });
    else this.resolve({ approved: true, rejectedHunks: { [this.change.id]: undone.map((index) => ({ index })) } });
  }

  decorate(editor: vscode.TextEditor, types: Decorations): void {
    const live = this.settled ? [] : this.diff.undecided();
    // To the end of the last line, so the strike-through covers the text (VS Code clamps the column).
    editor.setDecorations(types.removed, live.filter((h) => h.removed).map((h) => new vscode.Range(h.start, 0, h.start + h.removed - 1, 100_000)));
    editor.setDecorations(types.added, live.filter((h) => h.added).map((h) => new vscode.Range(h.start + h.removed, 0, h.start + h.removed + h.added - 1, 0)));
  }

  diagnostics(): vscode.Diagnostic[] {
    if (this.settled) return [];
    return this.findings.flatMap((f) => {
      const line = this.diff.lineOfNew(f.line);
      if (line === undefined || line >= this.doc.lineCount) return [];
      const d = new vscode.Diagnostic(this.doc.lineAt(line).range, `${f.message} ${f.fix}`, f.severity === 'high' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Tandem Guard';
      d.code = `${f.ruleId} (${f.cwe})`;
      return [d];
    });
  }
}

export class InlineReviews implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly reviews = new Map<string, Review>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** A review started, changed or ended (the tests wait on it). */
  readonly onDidChange = this.stateChanged.event;
  readonly findings = vscode.languages.createDiagnosticCollection('Tandem Guard (inline proposal)');
  private readonly types: Decorations = {
    added: vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      // The *Text* colours: the *Line* ones have no default in the built-in themes.
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
    removed: vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
      textDecoration: 'line-through',
      opacity: '0.7',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  };
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this),
      vscode.commands.registerCommand(KEEP_HUNK, (uri?: string, index?: number) => this.decideAt(uri, index, 'kept')),
      vscode.commands.registerCommand(UNDO_HUNK, (uri?: string, index?: number) => this.decideAt(uri, index, 'undone')),
      vscode.commands.registerCommand(KEEP_ALL, (uri?: string) => this.decideAll(uri, 'kept')),
      vscode.commands.registerCommand(UNDO_ALL, (uri?: string) => this.decideAll(uri, 'undone')),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const r = this.reviews.get(e.document.uri.toString());
        // Typing or Ctrl+Z in the file during the review ends it: nothing is applied.
        if (r && !r.isEditing() && e.contentChanges.length) void r.finish('The file was edited during the review, so the change was not applied.');
      }),
      vscode.workspace.onDidCloseTextDocument((d) => void this.reviews.get(d.uri.toString())?.finish('The file was closed during the review.')),
    ];
  }

  /** Shows the change in place and resolves with the user's verdict (a stop undoes everything). */
  async review(change: ProposedChange, uri: vscode.Uri, findings: Finding[], signal: AbortSignal): Promise<ApprovalDecision> {
    const key = uri.toString();
    if (this.reviews.has(key)) return { approved: false, reason: 'Another inline change to this file is still waiting for Keep or Undo.' };
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== (change.oldText ?? '')) return { approved: false, reason: `${change.path} changed after this edit was proposed; read it again.` };
    await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
    return new Promise<ApprovalDecision>((resolve) => {
      const onAbort = () => void review.finish('The task was stopped.');
      const review = new Review(doc, change, findings, this, (d) => {
        signal.removeEventListener('abort', onAbort);
        resolve(d);
      });
      this.reviews.set(key, review);
      void review.replaceAll(review.diff.text).then((ok) => {
        if (!ok) return review.finish('VS Code could not show the change in the editor.');
        if (signal.aborted) return review.finish('The task was stopped.');
        signal.addEventListener('abort', onAbort, { once: true });
        this.refresh();
      });
    });
  }

  /** The review open on a file, if any. */
  active(uri: vscode.Uri): InlineDiff | undefined {
    return this.reviews.get(uri.toString())?.diff;
  }

  ended(review: Review): void {
    this.reviews.delete(review.doc.uri.toString());
    this.refresh();
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const r = this.reviews.get(editor.document.uri.toString());
      if (r) r.decorate(editor, this.types);
      else {
        editor.setDecorations(this.types.added, []);
        editor.setDecorations(this.types.removed, []);
      }
    }
    this.findings.clear();
    for (const r of this.reviews.values()) this.findings.set(r.doc.uri, r.diagnostics());
    this.lensesChanged.fire();
    this.updateContext();
    this.stateChanged.fire();
  }

  private updateContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    void vscode.commands.executeCommand('setContext', REVIEW_CONTEXT, !!uri && this.reviews.has(uri));
  }

  private target(uri?: string): Review | undefined {
    return this.reviews.get(uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? '');
  }

  private async decideAt(uri: string | undefined, index: number | undefined, verdict: InlineVerdict): Promise<boolean> {
    const r = this.target(uri);
    if (!r) return false;
    // From a keybinding: the hunk under the cursor, else the next one below it, else the first.
    const line = vscode.window.activeTextEditor?.selection.active.line ?? 0;
    const hunk = index !== undefined ? r.diff.hunks.find((h) => h.index === index) : (r.diff.hunkAt(line) ?? r.diff.undecided().find((h) => h.start >= line) ?? r.diff.undecided()[0]);
    return hunk ? r.decide(hunk.index, verdict) : false;
  }

  private async decideAll(uri: string | undefined, verdict: InlineVerdict): Promise<boolean> {
    const r = this.target(uri);
    if (!r) return false;
    for (const h of r.diff.undecided()) await r.decide(h.index, verdict);
    return true;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const r = this.reviews.get(doc.uri.toString());
    if (!r) return [];
    const uri = doc.uri.toString();
    const open = r.diff.undecided();
    return open.flatMap((h, n) => {
      const line = Math.min(h.start, doc.lineCount - 1);
      const at = new vscode.Range(line, 0, line, 0);
      const all =
        n === 0 && open.length > 1
          ? [new vscode.CodeLens(at, { title: '$(check-all) Keep all (Ctrl+Enter)', command: KEEP_ALL, arguments: [uri] }), new vscode.CodeLens(at, { title: '$(discard) Undo all (Ctrl+Shift+Backspace)', command: UNDO_ALL, arguments: [uri] })]
          : [];
      const single = open.length === 1;
      return [
        ...all,
        new vscode.CodeLens(at, { title: `$(check) Keep${single ? ' (Ctrl+Enter)' : ''}`, command: KEEP_HUNK, arguments: [uri, h.index], tooltip: 'Keep this change (Alt+Y keeps the change at the cursor)' }),
        new vscode.CodeLens(at, { title: `$(close) Undo${single ? ' (Ctrl+Shift+Backspace)' : ''}`, command: UNDO_HUNK, arguments: [uri, h.index], tooltip: 'Undo this change (Alt+N undoes the change at the cursor)' }),
      ];
    });
  }

  dispose(): void {
    for (const r of [...this.reviews.values()]) void r.finish('The window is closing.');
    for (const d of this.disposables) d.dispose();
    this.findings.dispose();
    this.types.added.dispose();
    this.types.removed.dispose();
    this.lensesChanged.dispose();
    this.stateChanged.dispose();
  }
}
