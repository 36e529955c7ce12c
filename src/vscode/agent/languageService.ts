// Owns answering core's LanguageService and EditDiagnostics ports from VS Code's own providers
// (vscode.execute*Provider commands, languages.getDiagnostics), so the agent's language tools use
// whatever language extensions the user has. Every query has a time limit; positions are
// converted between core's 1-based and VS Code's 0-based ones here, once.
import * as vscode from 'vscode';
import { type LanguageService, type Problem, type SourceLocation, type SourcePosition, type SymbolInfo } from '../../core/tools/languageService';
import { ToolCallError } from '../../core/tools/types';
import { checkAndWait, fromDiagnostic, problemsOf } from './diagnostics';

const QUERY_TIMEOUT_MS = 15_000;
const MAX_RAW_RESULTS = 2000;

/** Resolves with the query's answer, or fails with a sentence when it takes too long or is cancelled. */
function limited<T>(what: string, run: () => Thenable<T>, signal: AbortSignal, ms = QUERY_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => reject(new ToolCallError(`The language server did not answer ${what} within ${ms / 1000} s. It may still be loading the project: try again in a moment, or use search instead.`)), ms);
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(run()).then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function toPosition(at: SourcePosition): vscode.Position {
  return new vscode.Position(at.line - 1, at.column - 1);
}

function toLocation(uri: vscode.Uri, range: vscode.Range): SourceLocation | undefined {
  if (uri.scheme !== 'file') return undefined;
  return { absPath: uri.fsPath, line: range.start.line + 1, column: range.start.character + 1 };
}

function fromLocations(found: Array<vscode.Location | vscode.LocationLink> | undefined): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const l of (found ?? []).slice(0, MAX_RAW_RESULTS)) {
    const loc = 'targetUri' in l ? toLocation(l.targetUri, l.targetSelectionRange ?? l.targetRange) : toLocation(l.uri, l.range);
    if (loc) out.push(loc);
  }
  return out;
}

function kindName(kind: vscode.SymbolKind): string {
  return (vscode.SymbolKind[kind] ?? 'symbol').toLowerCase();
}

function fromDocumentSymbol(uri: vscode.Uri, s: vscode.DocumentSymbol): SymbolInfo | undefined {
  const location = toLocation(uri, s.selectionRange);
  if (!location) return undefined;
  const children = (s.children ?? []).map((c) => fromDocumentSymbol(uri, c)).filter((c): c is SymbolInfo => c !== undefined);
  return { name: s.name, kind: kindName(s.kind), location, ...(children.length ? { children } : {}) };
}

function fromSymbolInformation(s: vscode.SymbolInformation): SymbolInfo | undefined {
  const location = toLocation(s.location.uri, s.location.range);
  return location ? { name: s.name, kind: kindName(s.kind), location, ...(s.containerName ? { container: s.containerName } : {}) } : undefined;
}

function hoverText(part: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof part === 'string') return part;
  if ('language' in part) return '```' + part.language + '\n' + part.value + '\n```';
  return part.value;
}

export class VsCodeLanguageService implements LanguageService {
  /** Opening the document lets the language extension for it activate and know the file. */
  private async open(absPath: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.file(absPath);
    await vscode.workspace.openTextDocument(uri);
    return uri;
  }

  private async locations(command: string, what: string, absPath: string, at: SourcePosition, signal: AbortSignal): Promise<SourceLocation[]> {
    const uri = await this.open(absPath);
    return fromLocations(await limited(what, () => vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(command, uri, toPosition(at)), signal));
  }

  definition(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<SourceLocation[]> {
    return this.locations('vscode.executeDefinitionProvider', 'go_to_definition', absPath, at, signal);
  }

  references(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<SourceLocation[]> {
    return this.locations('vscode.executeReferenceProvider', 'find_references', absPath, at, signal);
  }

  async documentSymbols(absPath: string, signal: AbortSignal): Promise<SymbolInfo[]> {
    const uri = await this.open(absPath);
    const found = await limited('document_symbols', () => vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation>>('vscode.executeDocumentSymbolProvider', uri), signal);
    return (found ?? [])
      .map((s) => ('selectionRange' in s ? fromDocumentSymbol(uri, s) : fromSymbolInformation(s)))
      .filter((s): s is SymbolInfo => s !== undefined);
  }

  async workspaceSymbols(query: string, signal: AbortSignal): Promise<SymbolInfo[]> {
    const found = await limited('workspace_symbols', () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query), signal);
    return (found ?? []).slice(0, MAX_RAW_RESULTS).map(fromSymbolInformation).filter((s): s is SymbolInfo => s !== undefined);
  }

  async hover(absPath: string, at: SourcePosition, signal: AbortSignal): Promise<string[]> {
    const uri = await this.open(absPath);
    const found = await limited('hover', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, toPosition(at)), signal);
    return (found ?? []).flatMap((h) => h.contents.map(hoverText));
  }

  async diagnostics(absPath: string | undefined, signal: AbortSignal): Promise<Problem[]> {
    if (absPath !== undefined) {
      const uri = vscode.Uri.file(absPath);
      await checkAndWait([uri], signal);
      return problemsOf(uri);
    }
    return vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.scheme === 'file')
      .flatMap(([uri, list]) => list.map((d) => fromDiagnostic(uri, d)));
  }
}
