// Owns feeding the user's activity into completion context: every edit (the changed line) and every
// visit (where the cursor lands after a jump, the middle of what a scroll shows) in file documents,
// and the clipboard when `tandem.completion.clipboard` is on. Recording is bookkeeping only; the
// lines are read when a prompt is built.
import * as vscode from 'vscode';
import { RecentActivity, type ActivityKind } from '../../core/completion/activity';
import type { Snippet } from '../../core/completion/templates';
import type { ContextSnippetSource } from '../../core/completion/types';

const AROUND = 3;
const CLIPBOARD_MAX = 2_000;

function tracked(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') && doc.lineCount < 50_000;
}

function linesAround(doc: vscode.TextDocument, line: number): string {
  if (doc.isClosed) throw new Error('closed');
  const from = Math.max(0, line - AROUND);
  const to = Math.min(doc.lineCount - 1, line + AROUND);
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(doc.lineAt(i).text);
  return out.join('\n');
}

export class ActivityTracker implements vscode.Disposable {
  readonly activity = new RecentActivity();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const change = e.contentChanges[0];
        if (change) this.record('edit', e.document, change.range.start.line);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        // Jumps (go to definition, clicks), not the cursor moving as the user types.
        if (e.kind !== vscode.TextEditorSelectionChangeKind.Keyboard) this.record('visit', e.textEditor.document, e.selections[0].active.line);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const r = e.visibleRanges[0];
        if (r) this.record('visit', e.textEditor.document, Math.floor((r.start.line + r.end.line) / 2));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.activity.forget(d.uri.toString())),
    );
  }

  private record(kind: ActivityKind, doc: vscode.TextDocument, line: number): void {
    if (!tracked(doc)) return;
    this.activity.record(kind, doc.uri.toString(), vscode.workspace.asRelativePath(doc.uri, false), line, (l) => linesAround(doc, l));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The clipboard's text as a snippet, only while the user has opted in. */
export function clipboardSource(enabled: () => boolean): ContextSnippetSource {
  return {
    async snippets(): Promise<Snippet[]> {
      if (!enabled()) return [];
      const text = await vscode.env.clipboard.readText();
      if (!text.trim()) return [];
      return [{ relativePath: 'clipboard', text: text.length > CLIPBOARD_MAX ? text.slice(0, CLIPBOARD_MAX) : text }];
    },
  };
}
