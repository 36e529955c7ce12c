// Owns the review of an inline chat's proposed change. The proposal opens in a read-only document
// beside the file's own tab (proposalDocuments.ts): each hunk's removed lines (red, struck through)
// above its added lines (green), with Keep / Undo lenses per hunk and for all, keybindings for the
// hunk at the cursor, and guard findings as diagnostics on the proposed lines. The user's file is not
// touched while the review is open — whatever files.autoSave is, nothing reaches the disk, and a
// reload or crash leaves the file as it was. When every hunk has a verdict the proposal closes and
// the decision returns to the agent, whose edit flow writes the kept hunks through the applier (one
// edit, so one Ctrl+Z), the change log and the checkpoints — the same path as the panel.
import * as vscode from 'vscode';
import { InlineDiff, type InlineVerdict } from '../../core/edits/inlineDiff';
import type { Finding } from '../../core/changes/finding';
import type { ApprovalDecision } from '../../core/changes/approval';
import type { ProposedChange } from '../../core/changes/change';
import { closeTabsOf, PROPOSAL_SCHEME, ProposalDocuments, proposalUri } from './proposalDocuments';

export const KEEP_HUNK = 'tandem.inline.keepHunk';
export const UNDO_HUNK = 'tandem.inline.undoHunk';
export const KEEP_ALL = 'tandem.inline.keepAll';
export const UNDO_ALL = 'tandem.inline.undoAll';
/** Context key: the active editor shows an inline review (the keybindings are on only then). */
export const REVIEW_CONTEXT = 'tandem.inlineReview';
/** The reason the agent hears when the user undid every part of the change. */
export const USER_UNDID = 'The user undid the change in the editor.';

interface Decorations {
  added: vscode.TextEditorDecorationType;
  removed: vscode.TextEditorDecorationType;
}

class Review {
  private settled = false;
  readonly diff: InlineDiff;
  /** The mixed text the proposal document shows now. */
  private lines: string[];
  private readonly trailingBreak: boolean;

  constructor(
    readonly doc: vscode.TextDocument,
    readonly proposal: vscode.Uri,
    readonly change: ProposedChange,
    private readonly findings: Finding[],
    private readonly owner: InlineReviews,
    private readonly resolve: (d: ApprovalDecision) => void,
  ) {
    this.diff = new InlineDiff(change.oldText ?? '', change.newText ?? '');
    this.trailingBreak = this.diff.text.endsWith('\n');
    this.lines = this.diff.text ? this.diff.text.replace(/\n$/, '').split('\n') : [];
  }

  text(): string {
    return this.lines.join('\n') + (this.trailingBreak && this.lines.length ? '\n' : '');
  }

  async decide(index: number, verdict: InlineVerdict): Promise<boolean> {
    if (this.settled) return false;
    const deletion = this.diff.decide(index, verdict);
    if (!deletion) return false;
    this.lines.splice(deletion.start, deletion.count);
    if (this.diff.done()) await this.finish();
    else this.owner.shown(this);
    return true;
  }

  /** Every hunk decided (or the review ended early, with `reason`): the proposal closes and the agent gets the verdict. */
  async finish(reason?: string): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    const undone = reason ? this.diff.hunks.map((h) => h.index) : this.diff.undone();
    await this.owner.ended(this);
    if (undone.length === this.diff.hunks.length) this.resolve({ approved: false, reason: reason ?? USER_UNDID });
    else if (undone.length === 0) this.resolve({ approved: true });
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
      if (line === undefined || line >= this.lines.length) return [];
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, this.lines[line].length), `${f.message} ${f.fix}`, f.severity === 'high' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      // The reviewer's findings are marked as the model's, as on the panel's card.
      d.source = f.source === 'model' ? 'Tandem reviewer (model)' : 'Tandem Guard';
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

  private readonly proposals = new ProposalDocuments();
  /** Reviews by their proposal document's address. */
  private readonly byProposal = new Map<string, Review>();

  constructor() {
    this.disposables = [
      this.proposals,
      vscode.languages.registerCodeLensProvider({ scheme: PROPOSAL_SCHEME }, this),
      vscode.commands.registerCommand(KEEP_HUNK, (uri?: string, index?: number) => this.decideAt(uri, index, 'kept')),
      vscode.commands.registerCommand(UNDO_HUNK, (uri?: string, index?: number) => this.decideAt(uri, index, 'undone')),
      vscode.commands.registerCommand(KEEP_ALL, (uri?: string) => this.decideAll(uri, 'kept')),
      vscode.commands.registerCommand(UNDO_ALL, (uri?: string) => this.decideAll(uri, 'undone')),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        // The proposal shows a verdict: its decorations follow the new text.
        if (this.byProposal.has(key)) return this.refresh();
        // Typing or Ctrl+Z in the file itself, or a change on disk, ends the review: nothing is applied.
        const r = this.reviews.get(key);
        if (r && e.contentChanges.length) void r.finish('The file was edited during the review, so the change was not applied.');
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          if (tab.input instanceof vscode.TabInputText) void this.byProposal.get(tab.input.uri.toString())?.finish('The user closed the proposal without keeping it.');
        }
      }),
    ];
  }

  /** Shows the change beside the file and resolves with the user's verdict (a stop undoes everything). */
  async review(change: ProposedChange, uri: vscode.Uri, findings: Finding[], signal: AbortSignal): Promise<ApprovalDecision> {
    const key = uri.toString();
    if (this.reviews.has(key)) return { approved: false, reason: 'Another inline change to this file is still waiting for Keep or Undo.' };
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== (change.oldText ?? '')) return { approved: false, reason: `${change.path} changed after this edit was proposed; read it again.` };
    const at = proposalUri(uri);
    return new Promise<ApprovalDecision>((resolve) => {
      const onAbort = () => void review.finish('The task was stopped.');
      const review = new Review(doc, at, change, findings, this, (d) => {
        signal.removeEventListener('abort', onAbort);
        resolve(d);
      });
      this.reviews.set(key, review);
      this.byProposal.set(at.toString(), review);
      this.proposals.set(at, review.text());
      const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.viewColumn;
      void Promise.resolve(vscode.workspace.openTextDocument(at))
        .then((shown) => vscode.window.showTextDocument(shown, { preserveFocus: false, preview: false, viewColumn: column }))
        .then(
          () => {
            if (signal.aborted) return review.finish('The task was stopped.');
            signal.addEventListener('abort', onAbort, { once: true });
            this.refresh();
          },
          () => review.finish('VS Code could not show the change in the editor.'),
        );
    });
  }

  /** The review open on a file (or shown in a proposal document), if any. */
  active(uri: vscode.Uri): InlineDiff | undefined {
    return this.lookup(uri.toString())?.diff;
  }

  /** The proposal document showing the review of a file (the tests read it). */
  proposalOf(uri: vscode.Uri): vscode.Uri | undefined {
    return this.reviews.get(uri.toString())?.proposal;
  }

  private lookup(uri: string): Review | undefined {
    return this.reviews.get(uri) ?? this.byProposal.get(uri);
  }

  /** A verdict changed the proposal's text. */
  shown(review: Review): void {
    this.proposals.set(review.proposal, review.text());
    this.refresh();
  }

  /** The review ended: its proposal closes and the file's own tab comes back. */
  async ended(review: Review): Promise<void> {
    const key = review.proposal.toString();
    const wasActive = vscode.window.activeTextEditor?.document.uri.toString() === key;
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.viewColumn;
    this.reviews.delete(review.doc.uri.toString());
    this.byProposal.delete(key);
    this.refresh();
    await closeTabsOf(review.proposal).then(undefined, () => undefined);
    this.proposals.delete(review.proposal);
    if (wasActive && !review.doc.isClosed) await Promise.resolve(vscode.window.showTextDocument(review.doc, { preserveFocus: false, preview: false, viewColumn: column })).then(undefined, () => undefined);
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const r = this.byProposal.get(editor.document.uri.toString());
      if (r) r.decorate(editor, this.types);
      else {
        editor.setDecorations(this.types.added, []);
        editor.setDecorations(this.types.removed, []);
      }
    }
    this.findings.clear();
    for (const r of this.reviews.values()) this.findings.set(r.proposal, r.diagnostics());
    this.lensesChanged.fire();
    this.updateContext();
    this.stateChanged.fire();
  }

  private updateContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    void vscode.commands.executeCommand('setContext', REVIEW_CONTEXT, !!uri && this.byProposal.has(uri));
  }

  private target(uri?: string): Review | undefined {
    return this.lookup(uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? '');
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
    const r = this.byProposal.get(doc.uri.toString());
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
