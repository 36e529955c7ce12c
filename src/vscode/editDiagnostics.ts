// Owns telling the agent which errors an applied edit introduced, from VS Code's diagnostics: the
// edited files' problems are taken before the write and again once the language servers have
// reported on them (onDidChangeDiagnostics, with a bound). TypeScript checks only files that have
// an editor tab, so an edited file without one is opened in a preview tab that does not take focus.
import * as vscode from 'vscode';
import { newErrorsBetween, type DiagnosticsWatch, type EditDiagnostics, type NewErrors } from '../core/tools/languageService';
import { problemsOf } from './languageService';

export interface EditDiagnosticsTiming {
  /** Longest wait for the language servers to report on the edited files. */
  boundMs: number;
  /** Quiet time after a report before the problems are read (syntax and semantic checks come apart). */
  settleMs: number;
}

/** Languages without a checker worth waiting for. */
const NOT_CHECKED = new Set(['plaintext', 'markdown']);

function hasTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => (t.input instanceof vscode.TabInputText && t.input.uri.toString() === key) || (t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key)),
  );
}

export class VsCodeEditDiagnostics implements EditDiagnostics {
  constructor(private readonly timing: EditDiagnosticsTiming = { boundMs: 3000, settleMs: 750 }) {}

  watch(absPaths: string[]): DiagnosticsWatch {
    const uris = absPaths.map((p) => vscode.Uri.file(p));
    const keys = new Set(uris.map((u) => u.toString()));
    const before = uris.flatMap(problemsOf);
    const uncheckedBefore = uris.filter((u) => !hasTab(u));
    let onReport: (() => void) | undefined;
    // A report may come while the edit is still being written, before newErrors() listens.
    let reported = false;
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => keys.has(u.toString()))) return;
      reported = true;
      onReport?.();
    });
    const timing = this.timing;
    return {
      async newErrors(signal: AbortSignal): Promise<NewErrors> {
        const none: NewErrors = { errors: [], uncheckedBefore: [] };
        const docs = (await Promise.all(uris.map((u) => Promise.resolve(vscode.workspace.openTextDocument(u)).catch(() => undefined)))).filter((d): d is vscode.TextDocument => d !== undefined && !NOT_CHECKED.has(d.languageId));
        if (docs.length === 0) return none;
        // A preview tab replaces the one before it, so several files get tabs of their own.
        for (const doc of docs.filter((d) => !hasTab(d.uri))) await vscode.window.showTextDocument(doc, { preview: docs.length === 1, preserveFocus: true });
        await new Promise<void>((resolve) => {
          let settle: NodeJS.Timeout | undefined;
          const done = () => {
            clearTimeout(bound);
            clearTimeout(settle);
            signal.removeEventListener('abort', done);
            onReport = undefined;
            resolve();
          };
          const bound = setTimeout(done, timing.boundMs);
          signal.addEventListener('abort', done, { once: true });
          onReport = () => {
            clearTimeout(settle);
            settle = setTimeout(done, timing.settleMs);
          };
          if (reported) onReport();
        });
        return { errors: newErrorsBetween(before, uris.flatMap(problemsOf)), uncheckedBefore: uncheckedBefore.map((u) => u.fsPath) };
      },
      dispose: () => listener.dispose(),
    };
  }
}
