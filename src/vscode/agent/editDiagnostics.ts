// Owns telling the agent which errors an applied edit introduced, from VS Code's diagnostics: the
// edited files' problems are taken before the write and again once the language servers have
// reported on them (see diagnostics.ts for the bounded wait and the tab TypeScript needs).
import * as vscode from 'vscode';
import { newErrorsBetween, type DiagnosticsWatch, type EditDiagnostics, type NewErrors } from '../../core/tools/languageService';
import { DEFAULT_TIMING, hasTab, problemsOf, ReportListener, showForChecking, type ReportTiming } from './diagnostics';

export class VsCodeEditDiagnostics implements EditDiagnostics {
  constructor(private readonly timing: ReportTiming = DEFAULT_TIMING) {}

  watch(absPaths: string[]): DiagnosticsWatch {
    const uris = absPaths.map((p) => vscode.Uri.file(p));
    const before = uris.flatMap(problemsOf);
    // Files without a tab were not being checked: their problems from before the edit are unknown.
    const uncheckedBefore = uris.filter((u) => !hasTab(u)).map((u) => u.fsPath);
    const reports = new ReportListener(uris);
    const timing = this.timing;
    return {
      async newErrors(signal: AbortSignal): Promise<NewErrors> {
        if (!(await showForChecking(uris))) return { errors: [], uncheckedBefore: [] };
        await reports.settled(signal, timing);
        return { errors: newErrorsBetween(before, uris.flatMap(problemsOf)), uncheckedBefore };
      },
      dispose: () => reports.dispose(),
    };
  }
}
