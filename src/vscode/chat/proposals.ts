// Owns the read-only virtual documents that show a proposed change in VS Code's diff editor, and
// keeps their diff tabs following the change: closed once it is decided, moved to a newer proposal
// for the same file (the tabs themselves: proposalTabs.ts).
import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/changes/change';
import { closeProposalTabs, PROPOSAL_SCHEME, proposalIdOf, proposalTabs, proposalUri } from './proposalTabs';

export { PROPOSAL_SCHEME } from './proposalTabs';

const STALE = 'This proposal is no longer waiting for approval: it was approved, rejected or its task ended.\nClose this tab; the change cards in the Tandem panel show what is pending.\n';

export interface ProposalFinding {
  line: number;
  message: string;
  fix: string;
  ruleId: string;
  cwe: string;
  severity: 'high' | 'medium' | 'low';
}

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly closing = new Map<string, Promise<void>>();
  /** Files whose proposal was rejected from an open diff, with that diff's editor group. */
  private readonly reviewing = new Map<string, vscode.ViewColumn>();
  /** Guard findings shown on the proposal side of the diff. */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('Tandem Guard (proposal)');

  dispose(): void {
    this.diagnostics.dispose();
  }

  remember(change: ProposedChange): void {
    this.texts.set(change.id, change.newText ?? '');
  }

  /**
   * The changes were approved, rejected or withdrawn (Stop, a restore, another attempt picked): their
   * diff tabs close, then their documents and findings go. Resolves once the tabs are closed, so the
   * caller can apply the change after that.
   */
  async settle(ids: readonly string[], opts: { rejected?: boolean } = {}): Promise<void> {
    const gone = new Set(ids);
    // Rejected while its diff was open: the user reviews this file, so the model's next proposal for it opens there.
    if (opts.rejected) for (const t of proposalTabs()) if (gone.has(t.id)) this.reviewing.set(t.path, t.tab.group.viewColumn);
    try {
      await Promise.all(ids.map((id) => this.closeTabsOf(id)));
    } finally {
      for (const id of ids) this.texts.delete(id);
      this.diagnostics.forEach((uri) => {
        const id = proposalIdOf(uri);
        if (id && gone.has(id)) this.diagnostics.delete(uri);
      });
    }
  }

  /** One close per proposal at a time: a card decided, then its request, close its tabs once. */
  private closeTabsOf(id: string): Promise<void> {
    let closing = this.closing.get(id);
    if (!closing) {
      closing = closeProposalTabs(new Set([id])).finally(() => this.closing.delete(id));
      this.closing.set(id, closing);
    }
    return closing;
  }

  /**
   * A new proposal for a file whose diff tab shows an older one, or whose last proposal the user
   * rejected from its diff: the diff shows the new proposal (in that editor group, without taking
   * the focus). True when a diff was opened. Decides synchronously, before its first await, so
   * `endReviews()` right after it leaves this proposal's file alone.
   */
  async supersede(root: vscode.Uri, change: ProposedChange, findings: ProposalFinding[] = []): Promise<boolean> {
    const target = change.newPath ?? change.path;
    const older = proposalTabs().filter((t) => t.path === target && t.id !== change.id);
    const column = older[0]?.tab.group.viewColumn ?? this.reviewing.get(target);
    this.reviewing.delete(target);
    if (column === undefined) return false;
    await this.showDiff(root, change, findings, { viewColumn: column, preserveFocus: true });
    await Promise.all(older.map((t) => this.closeTabsOf(t.id)));
    return true;
  }

  /** A proposal came that was not for these files: a rejected diff reopens only for the very next proposal. */
  endReviews(): void {
    this.reviewing.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = new URLSearchParams(uri.query).get('id') ?? '';
    // A tab VS Code restored from an earlier session, or one left open: say so rather than show an empty file.
    return id ? (this.texts.get(id) ?? STALE) : '';
  }

  /** At activation no proposal is pending: diff tabs VS Code restored from the last session close. */
  closeRestoredTabs(): Promise<void> {
    return closeProposalTabs(new Set(proposalTabs().map((t) => t.id)));
  }

  /** Opens VS Code's diff editor: the current file (or nothing) against the proposal. */
  async showDiff(root: vscode.Uri, change: ProposedChange, findings: ProposalFinding[] = [], where: { viewColumn?: vscode.ViewColumn; preserveFocus?: boolean } = {}): Promise<void> {
    this.remember(change);
    const right = proposalUri(change.id, change.newPath ?? change.path);
    this.diagnostics.set(
      right,
      findings.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(f.line - 1, 0, f.line - 1, 10_000), `${f.message} ${f.fix}`, f.severity === 'high' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'Tandem Guard';
        d.code = `${f.ruleId} (${f.cwe})`;
        return d;
      }),
    );
    const left = change.kind === 'create' ? vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${change.path}`, query: 'id=' }) : vscode.Uri.joinPath(root, ...change.path.split('/'));
    await vscode.commands.executeCommand('vscode.diff', left, right, `${change.path} ↔ Tandem's proposal`, { preview: true, ...where });
  }
}
