// Owns completing after the item selected in the suggest widget: the cursor line is seen as if the
// item were already inserted, so the model continues it (VS Code drops an inline completion that does
// not extend the selected item).
import type { CompletionDocument, Position } from './types';

export function withSelection(doc: CompletionDocument, pos: Position, sel: { start: number; end: number; text: string }): { document: CompletionDocument; position: Position } {
  const line = doc.lineAt(pos.line);
  const start = Math.max(0, Math.min(sel.start, line.length));
  const end = Math.max(start, Math.min(Math.max(sel.end, pos.character), line.length));
  const virtual = line.slice(0, start) + sel.text + line.slice(end);
  const document: CompletionDocument = {
    uri: doc.uri,
    relativePath: doc.relativePath,
    languageId: doc.languageId,
    version: doc.version,
    lineCount: doc.lineCount,
    lineAt: (n: number) => (n === pos.line ? virtual : doc.lineAt(n)),
  };
  return { document, position: { line: pos.line, character: start + sel.text.length } };
}
