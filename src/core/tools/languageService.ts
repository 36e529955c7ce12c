// The port to an editor's language servers (go to definition, references, symbols, hover,
// diagnostics) and to the diagnostics an edit introduces. VS Code implements both
// (src/vscode/agent/languageService.ts); the CLI has none, so the language tools exist only in the editor.
// Positions are 1-based on both sides of the port; the adapter converts to the editor's 0-based ones.

export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceLocation {
  /** Absolute file-system path of the file (files of other schemes are left out by the adapter). */
  absPath: string;
  line: number;
  column: number;
}

export interface SymbolInfo {
  name: string;
  /** e.g. 'function', 'class', 'method'. */
  kind: string;
  location: SourceLocation;
  /** The enclosing symbol's name (workspace symbols). */
  container?: string;
  /** Nested symbols (document symbols). */
  children?: SymbolInfo[];
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  absPath: string;
  line: number;
  column: number;
  severity: ProblemSeverity;
  message: string;
  /** The tool that reported it, e.g. 'ts'. */
  source?: string;
  code?: string;
}

/** Read-only queries answered by the editor's language servers. Each may throw on timeout. */
export interface LanguageService {
  definition(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<SourceLocation[]>;
  references(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<SourceLocation[]>;
  documentSymbols(absPath: string, signal: AbortSignal): Promise<SymbolInfo[]>;
  workspaceSymbols(query: string, signal: AbortSignal): Promise<SymbolInfo[]>;
  /** Hover texts (markdown or plain) at a position. */
  hover(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<string[]>;
  /** Problems of one file, or of every file the editor knows problems for. */
  diagnostics(absPath: string | undefined, signal: AbortSignal): Promise<Problem[]>;
}

/** Watches the problems of files an edit is about to change. */
export interface EditDiagnostics {
  /** Called just before approved changes are written, with the absolute paths they touch. */
  watch(absPaths: string[]): DiagnosticsWatch;
}

export interface DiagnosticsWatch {
  /**
   * Called after the changes were written: waits (bounded) for the language servers to update the
   * files' problems and resolves to the errors that were not there before the edit.
   */
  newErrors(signal: AbortSignal): Promise<NewErrors>;
  /** Stops watching (the edit was not applied, or the errors were read). */
  dispose(): void;
}

export interface NewErrors {
  errors: Problem[];
  /** Absolute paths whose problems were not being checked before the edit: their errors may be older. */
  uncheckedBefore: string[];
}

/** Problem identity that survives line shifts: an edit moves old errors, it does not make them new. */
function problemKey(p: Problem): string {
  return JSON.stringify([p.absPath, p.severity, p.source ?? '', p.code ?? '', p.message]);
}

/** Errors in `after` beyond those already in `before` (counted, so a second identical error is new). */
export function newErrorsBetween(before: Problem[], after: Problem[]): Problem[] {
  const seen = new Map<string, number>();
  for (const p of before) if (p.severity === 'error') seen.set(problemKey(p), (seen.get(problemKey(p)) ?? 0) + 1);
  const fresh: Problem[] = [];
  for (const p of after) {
    if (p.severity !== 'error') continue;
    const left = seen.get(problemKey(p)) ?? 0;
    if (left > 0) seen.set(problemKey(p), left - 1);
    else fresh.push(p);
  }
  return fresh;
}
