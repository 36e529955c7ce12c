// Owns when a prediction may still be shown or applied: only for the document version it was made
// for, only while the text each edit replaces is still there, and — as its edits are taken one after
// another — with the later edits moved by what the earlier ones changed.
import type { LineSource, Position } from '../completion/types';
import type { NextEditPrediction, TextEdit } from './types';

/** A prediction made for another document or version must never be shown. */
export function isStale(p: Pick<NextEditPrediction, 'uri' | 'version'>, doc: { uri: string; version: number }): boolean {
  return p.uri !== doc.uri || p.version !== doc.version;
}

/** The text of [start, end) in `doc` ('' past its end). */
export function textIn(doc: LineSource, start: Position, end: Position): string {
  if (start.line >= doc.lineCount) return '';
  if (start.line === end.line) return doc.lineAt(start.line).slice(start.character, end.character);
  const parts = [doc.lineAt(start.line).slice(start.character)];
  for (let l = start.line + 1; l < end.line && l < doc.lineCount; l++) parts.push(doc.lineAt(l));
  parts.push(end.line < doc.lineCount ? doc.lineAt(end.line).slice(0, end.character) : '');
  return parts.join('\n');
}

/** True while the document still holds what the edit replaces. */
export function stillApplies(edit: TextEdit, doc: LineSource): boolean {
  return textIn(doc, edit.start, edit.end) === edit.oldText;
}

/** Where `p` lands after `applied` was made (p at or after the applied range's end). */
export function shiftPosition(p: Position, applied: TextEdit): Position {
  const insertedLines = applied.text.split('\n');
  const newEnd: Position =
    insertedLines.length === 1
      ? { line: applied.start.line, character: applied.start.character + applied.text.length }
      : { line: applied.start.line + insertedLines.length - 1, character: insertedLines[insertedLines.length - 1].length };
  if (p.line > applied.end.line) return { line: p.line + newEnd.line - applied.end.line, character: p.character };
  return { line: newEnd.line, character: newEnd.character + (p.character - applied.end.character) };
}

/** The edits after `applied` (which came before them in the document), moved to the new text. */
export function shiftEdits(rest: TextEdit[], applied: TextEdit): TextEdit[] {
  return rest.map((e) => ({ ...e, start: shiftPosition(e.start, applied), end: shiftPosition(e.end, applied) }));
}

/** True when the edit sits at the cursor and only adds text there: it is shown as ordinary ghost text. */
export function isAtCursor(edit: TextEdit, cursor: Position): boolean {
  const samePoint = edit.start.line === cursor.line && edit.start.character === cursor.character;
  return samePoint && edit.oldText === '' && edit.end.line === edit.start.line && edit.end.character === edit.start.character;
}

/** The later edits after a whole step (several edits before them, in document order) was applied. */
export function afterStep(rest: TextEdit[], step: TextEdit[]): TextEdit[] {
  // Last applied first: each earlier edit's coordinates are still valid once the later ones moved on.
  return [...step].reverse().reduce((r, applied) => shiftEdits(r, applied), rest);
}

/** Edits within `gap` lines of each other are one step: jumped to and applied together. */
export function groupSteps(edits: TextEdit[], gap = 4): TextEdit[][] {
  const steps: TextEdit[][] = [];
  for (const e of edits) {
    const last = steps[steps.length - 1];
    if (last && e.start.line - last[last.length - 1].end.line <= gap) last.push(e);
    else steps.push([e]);
  }
  return steps;
}
