// Owns feeding edits into the next-edit history: a shadow of each visible file document's lines
// (taken when it is first shown, so the text before a change is known) and, for each change, the
// lines it replaced. Secret and .tandemignore files are not recorded. Runs only while next-edit
// suggestions are on.
import * as vscode from 'vscode';
import type { PathRules } from '../../core/policy/pathRules';
import type { EditHistory } from '../../core/nextEdit/history';
import { LineShadow } from '../../core/nextEdit/shadow';

/** Larger documents are not shadowed (and their edits not recorded). */
const MAX_LINES = 500_000;

export function tracked(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') && doc.lineCount <= MAX_LINES;
}

export class HistoryTracker implements vscode.Disposable {
  private readonly shadows = new Map<string, LineShadow>();
  private subs: vscode.Disposable[] = [];

  constructor(
    private readonly history: EditHistory,
    private readonly rules: () => PathRules,
  ) {}

  /** Starts or stops recording (the history is kept while on, dropped when turned off). */
  setActive(on: boolean): void {
    if (on === this.subs.length > 0) return;
    if (!on) {
      this.stop();
      return;
    }
    for (const e of vscode.window.visibleTextEditors) this.shadowOf(e.document);
    this.subs = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) this.shadowOf(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.shadows.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
    ];
  }

  private shadowOf(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.shadows.has(key) && tracked(doc)) this.shadows.set(key, new LineShadow(doc.getText()));
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const shadow = this.shadows.get(key);
    if (!shadow || !e.contentChanges.length) return;
    if (!tracked(e.document)) {
      this.shadows.delete(key);
      return;
    }
    const path = vscode.workspace.asRelativePath(e.document.uri, false);
    const secret = this.rules().isSecret(path);
    // Changes are listed so that applying them in order is right.
    for (const c of e.contentChanges) {
      const change = shadow.apply(c.range.start, c.range.end, c.text);
      if (!secret) this.history.record(path, change);
    }
    // A shadow that lost track (e.g. a change outside it) is taken again from the document.
    if (shadow.lineCount !== e.document.lineCount) this.shadows.set(key, new LineShadow(e.document.getText()));
  }

  private stop(): void {
    for (const s of this.subs) s.dispose();
    this.subs = [];
    this.shadows.clear();
    this.history.clear();
  }

  dispose(): void {
    this.stop();
  }
}
