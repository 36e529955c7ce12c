// Owns reading, from the editor, what a request about some lines needs: the exact lines of a
// selection, the function enclosing a diagnostic (document symbols, else indentation), the
// diagnostics in range, the code around, and the signatures of the local files the file imports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { enclosingByIndent, selectedLines, type LineSpan } from '../../core/refactor/lineSpan';
import { candidatePaths } from '../../core/util/importPaths';
import { localImports, signaturesOf, type InlineRequest } from '../../core/refactor/requests';

/** The lines of the selection (or the cursor's line); a selection ending at column 0 excludes that line. */
export function selectionSpan(selection: vscode.Selection | vscode.Range): LineSpan {
  return selectedLines(selection.start, selection.end);
}

export function spanText(doc: vscode.TextDocument, span: LineSpan): string {
  return doc.getText(new vscode.Range(span.start, 0, span.end, doc.lineAt(span.end).text.length));
}

export function spanRange(doc: vscode.TextDocument, span: LineSpan): vscode.Range {
  return new vscode.Range(span.start, 0, span.end, doc.lineAt(span.end).text.length);
}

const FUNCTION_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);

/** The innermost function or method around `range` by the language server's symbols, else by indentation. */
export async function enclosingFunction(doc: vscode.TextDocument, range: vscode.Range): Promise<LineSpan> {
  let symbols: vscode.DocumentSymbol[] | undefined;
  try {
    symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
  } catch {
    symbols = undefined; // no symbol provider for this language: indentation decides
  }
  let best: vscode.DocumentSymbol | undefined;
  const visit = (list: vscode.DocumentSymbol[] | undefined) => {
    for (const s of list ?? []) {
      if (!('children' in s) || !s.range.contains(range)) continue;
      if (FUNCTION_KINDS.has(s.kind)) best = s;
      visit(s.children);
    }
  };
  visit(symbols);
  if (best) return { start: best.range.start.line, end: Math.max(best.range.end.line, range.end.line) };
  const span = enclosingByIndent(doc.getText(), range.start.line);
  return { start: Math.min(span.start, range.start.line), end: Math.max(span.end, range.end.line) };
}

export function diagnosticsIn(doc: vscode.TextDocument, range: vscode.Range): string[] {
  return vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.range.intersection(range))
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}${d.source ? ` (${d.source})` : ''}`);
}

async function importSignatures(doc: vscode.TextDocument, root: vscode.Uri): Promise<InlineRequest['imports']> {
  const out: NonNullable<InlineRequest['imports']> = [];
  const from = path.relative(root.fsPath, doc.uri.fsPath).split(path.sep).join('/');
  for (const spec of localImports(doc.getText()).slice(0, 8)) {
    // The same module resolution the completion's import reader uses; it never leaves the workspace.
    for (const rel of candidatePaths(from, spec, 'typescript')) {
      const uri = vscode.Uri.joinPath(root, rel);
      try {
        if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.File) continue;
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        out.push({ path: rel, signatures: signaturesOf(text) });
        break;
      } catch {
        continue; // not this extension; try the next
      }
    }
  }
  return out;
}

/** Everything an inline request sends besides the instruction. */
export async function inlineContext(doc: vscode.TextDocument, span: LineSpan, file: string, instruction: string, around = 20): Promise<InlineRequest> {
  const before = Math.max(0, span.start - around);
  const after = Math.min(doc.lineCount - 1, span.end + around);
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  return {
    file,
    languageId: doc.languageId,
    span,
    code: spanText(doc, span),
    instruction,
    before: span.start > 0 ? { start: before, text: spanText(doc, { start: before, end: span.start - 1 }) } : undefined,
    after: span.end < doc.lineCount - 1 ? { start: span.end + 1, text: spanText(doc, { start: span.end + 1, end: after }) } : undefined,
    diagnostics: diagnosticsIn(doc, spanRange(doc, span)),
    imports: folder ? await importSignatures(doc, folder.uri) : [],
  };
}
