// Owns reading VS Code's diagnostics as core Problems and getting a file checked: TypeScript checks
// only files that have an editor tab, so a file without one is opened in a tab that does not take
// focus, and the answer is awaited on onDidChangeDiagnostics with a bound (never by polling).
import * as vscode from 'vscode';
import type { Problem } from '../../core/tools/languageService';

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

export function fromDiagnostic(uri: vscode.Uri, d: vscode.Diagnostic): Problem {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    absPath: uri.fsPath,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY[d.severity] ?? 'error',
    message: d.message,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined ? { code: String(code) } : {}),
  };
}

export function problemsOf(uri: vscode.Uri): Problem[] {
  return vscode.languages.getDiagnostics(uri).map((d) => fromDiagnostic(uri, d));
}

export interface ReportTiming {
  /** Longest wait for the language servers to report on the files. */
  boundMs: number;
  /** Quiet time after a report before the problems are read (syntax and semantic checks come apart). */
  settleMs: number;
}

export const DEFAULT_TIMING: ReportTiming = { boundMs: 3000, settleMs: 750 };

/** Languages without a checker worth waiting for. */
const NOT_CHECKED = new Set(['plaintext', 'markdown']);

export function hasTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => (t.input instanceof vscode.TabInputText && t.input.uri.toString() === key) || (t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key)),
  );
}

/** Listens for diagnostics reports on some files from its creation on (a report may come before anyone waits). */
export class ReportListener implements vscode.Disposable {
  private reported = false;
  private onReport: (() => void) | undefined;
  private readonly listener: vscode.Disposable;

  constructor(uris: vscode.Uri[]) {
    const keys = new Set(uris.map((u) => u.toString()));
    this.listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => keys.has(u.toString()))) return;
      this.reported = true;
      this.onReport?.();
    });
  }

  /** Resolves once reports have settled, at the bound, or on abort; never rejects. */
  settled(signal: AbortSignal, timing: ReportTiming): Promise<void> {
    return new Promise<void>((resolve) => {
      let settle: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(bound);
        clearTimeout(settle);
        signal.removeEventListener('abort', done);
        this.onReport = undefined;
        resolve();
      };
      const bound = setTimeout(done, timing.boundMs);
      signal.addEventListener('abort', done, { once: true });
      this.onReport = () => {
        clearTimeout(settle);
        settle = setTimeout(done, timing.settleMs);
      };
      if (this.reported) this.onReport();
    });
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** Opens files without a tab (in checked languages) so they are checked; false when none is checked. */
export async function showForChecking(uris: vscode.Uri[]): Promise<boolean> {
  const docs = (await Promise.all(uris.map((u) => Promise.resolve(vscode.workspace.openTextDocument(u)).catch(() => undefined)))).filter((d): d is vscode.TextDocument => d !== undefined && !NOT_CHECKED.has(d.languageId));
  // A preview tab replaces the one before it, so several files get tabs of their own.
  for (const doc of docs.filter((d) => !hasTab(d.uri))) await vscode.window.showTextDocument(doc, { preview: docs.length === 1, preserveFocus: true });
  return docs.length > 0;
}

/** Gets files without a tab checked and waits (bounded) for their report; files with one are current already. */
export async function checkAndWait(uris: vscode.Uri[], signal: AbortSignal, timing = DEFAULT_TIMING): Promise<void> {
  const unchecked = uris.filter((u) => !hasTab(u));
  if (unchecked.length === 0) return;
  const reports = new ReportListener(unchecked);
  try {
    if (await showForChecking(unchecked)) await reports.settled(signal, timing);
  } finally {
    reports.dispose();
  }
}
