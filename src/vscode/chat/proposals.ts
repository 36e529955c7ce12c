// Owns the read-only virtual documents that show a proposed change in VS Code's diff editor.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/tools/types';

export const PROPOSAL_SCHEME = 'tandem-proposal';

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
  /** Guard findings shown on the proposal side of the diff. */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('Tandem Guard (proposal)');

  dispose(): void {
    this.diagnostics.dispose();
  }

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
  async showDiff(root: vscode.Uri, change: ProposedChange, findings: ProposalFinding[] = []): Promise<void> {
    this.remember(change);
    const right = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${change.newPath ?? change.path}`, query: `id=${encodeURIComponent(change.id)}` });
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
    await vscode.commands.executeCommand('vscode.diff', left, right, `${change.path} ↔ Tandem's proposal`, { preview: true });
  }
}
