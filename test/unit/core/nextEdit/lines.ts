// A LineSource over a string, and a document with the cursor at `|`, for the next-edit tests.
import type { CompletionDocument, Position } from '../../../../src/core/completion/types';

export function source(text: string): { lineCount: number; lineAt: (n: number) => string } {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineAt: (n) => lines[n] };
}

export function docWithCursor(textWithCursor: string, path = 'src/a.ts', version = 1): { document: CompletionDocument; position: Position; text: string } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  const src = source(text);
  return {
    document: { ...src, uri: `file:///w/${path}`, relativePath: path, languageId: 'typescript', version },
    position: { line: before.length - 1, character: before[before.length - 1].length },
    text,
  };
}

/** Applies edits (document order, non-overlapping) to text. */
export function applyEdits(text: string, edits: Array<{ start: Position; end: Position; text: string }>): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.start) - offset(a.start))) out = out.slice(0, offset(e.start)) + e.text + out.slice(offset(e.end));
  return out;
}
