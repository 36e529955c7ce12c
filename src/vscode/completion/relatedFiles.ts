// Owns which other files feed completion context: open text documents, most recently edited first.
// Only cheap bookkeeping happens on edits; text is read lazily, once per version, by the engine.
import * as vscode from 'vscode';
import type { RelatedFile, RelatedFilesSource } from '../../core/completion/types';

const MAX_TRACKED = 20;

export class RelatedFiles implements RelatedFilesSource, vscode.Disposable {
  /** URIs, most recently edited or focused last. */
  private readonly recent: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.touch(e.document.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.touch(e.document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
    );
  }

  private touch(uri: string): void {
    const i = this.recent.indexOf(uri);
    if (i === this.recent.length - 1) return;
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.push(uri);
    if (this.recent.length > MAX_TRACKED) this.recent.shift();
  }

  private forget(uri: string): void {
    const i = this.recent.indexOf(uri);
    if (i >= 0) this.recent.splice(i, 1);
  }

  files(currentUri: string): RelatedFile[] {
    const docs = new Map<string, vscode.TextDocument>();
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme === 'file' || d.uri.scheme === 'untitled' || d.uri.scheme === 'vscode-remote') docs.set(d.uri.toString(), d);
    }
    const order = [...this.recent].reverse();
    for (const uri of docs.keys()) if (!order.includes(uri)) order.push(uri);
    const out: RelatedFile[] = [];
    for (const uri of order) {
      const d = docs.get(uri);
      if (!d || uri === currentUri || d.lineCount > 50_000) continue;
      out.push({
        uri,
        relativePath: vscode.workspace.asRelativePath(d.uri, false),
        languageId: d.languageId,
        version: d.version,
        getText: () => d.getText(),
      });
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
