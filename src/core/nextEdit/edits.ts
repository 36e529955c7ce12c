// Owns turning a model's rewritten region into edits of the document: a line diff of region and
// answer, each changed run narrowed to the characters that differ (a run of as many new lines as
// old ones becomes one edit per line, so a rename on three lines is three edits), and the checks
// that refuse an answer no user would want shown: one that deletes most of the region, or one that
// keeps so little of it that it was written for some other code.
import { diffLines } from './diff';
import type { Region } from './region';
import type { TextEdit } from './types';

export type EditsResult = { kind: 'edits'; edits: TextEdit[] } | { kind: 'rejected'; reason: string };

/** Edits that turn `region` into `answer` (the rewritten region's text, lines joined by \n). */
export function regionEdits(region: Pick<Region, 'startLine' | 'lines'>, answer: string): EditsResult {
  const oldLines = region.lines;
  // Blank lines at the region's end are the model's least reliable output: keep the region's own.
  const newLines = answer.split(/\r?\n/);
  while (newLines.length > 1 && !newLines[newLines.length - 1].trim()) newLines.pop();
  for (let t = oldLines.length - 1; t > 0 && !oldLines[t].trim(); t--) newLines.push(oldLines[t]);
  const ops = diffLines(oldLines, newLines);
  const nonBlank = oldLines.filter((l) => l.trim()).length;
  const oldChars = oldLines.join('\n').replace(/\s+/g, '').length;
  const newChars = answer.replace(/\s+/g, '').length;
  if (nonBlank >= 3 && newChars < oldChars * 0.5) return { kind: 'rejected', reason: `the answer would delete most of the region (${oldChars - newChars} of ${oldChars} characters)` };
  const kept = ops.filter((o) => o.kind === 'equal' && o.line.trim()).length;
  if (nonBlank >= 3 && kept < nonBlank / 3) return { kind: 'rejected', reason: `the answer keeps ${kept} of ${nonBlank} lines of the region: it was written for other code` };
  const edits: TextEdit[] = [];
  let i = 0; // old line index
  let j = 0; // new line index
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind === 'equal') {
      i++;
      j++;
      k++;
      continue;
    }
    const i0 = i;
    const j0 = j;
    while (k < ops.length && ops[k].kind !== 'equal') {
      if (ops[k].kind === 'delete') i++;
      else j++;
      k++;
    }
    if (i - i0 === j - j0) {
      for (let d = 0; d < i - i0; d++) {
        const e = narrow(oldLines, region.startLine, i0 + d, i0 + d + 1, newLines.slice(j0 + d, j0 + d + 1));
        if (e) edits.push(e);
      }
    } else {
      const e = narrow(oldLines, region.startLine, i0, i, newLines.slice(j0, j));
      if (e) edits.push(e);
    }
  }
  return { kind: 'edits', edits };
}

/**
 * The edit replacing old lines [from, to) with `repl`, narrowed to the characters that differ.
 * Lines are joined with their breaks; the text after the last line is the region's next line, so
 * an insertion of whole lines at the region's end stays expressible.
 */
function narrow(oldLines: string[], startLine: number, from: number, to: number, repl: string[]): TextEdit | undefined {
  // Work on "line + \n" units so pure insertions and deletions of lines are exact.
  let oldText: string;
  let newText: string;
  let base: { line: number; character: number };
  if (to < oldLines.length || from === to) {
    oldText = oldLines.slice(from, to).map((l) => l + '\n').join('');
    newText = repl.map((l) => l + '\n').join('');
    base = { line: startLine + from, character: 0 };
    if (from === oldLines.length) {
      // Inserting after the region's last line: anchor at its end instead of a line that may not exist.
      oldText = '';
      newText = repl.map((l) => '\n' + l).join('');
      base = { line: startLine + from - 1, character: oldLines[from - 1].length };
    }
  } else {
    // The run reaches the region's last line: no line break after it belongs to the region.
    const prev = from > 0;
    oldText = (prev ? '\n' : '') + oldLines.slice(from, to).join('\n');
    newText = repl.length ? (prev ? '\n' : '') + repl.join('\n') : '';
    base = prev ? { line: startLine + from - 1, character: oldLines[from - 1].length } : { line: startLine, character: 0 };
  }
  let p = 0;
  while (p < oldText.length && p < newText.length && oldText[p] === newText[p]) p++;
  let s = 0;
  while (s < oldText.length - p && s < newText.length - p && oldText[oldText.length - 1 - s] === newText[newText.length - 1 - s]) s++;
  const removed = oldText.slice(p, oldText.length - s);
  const inserted = newText.slice(p, newText.length - s);
  if (!removed && !inserted) return undefined;
  return { start: advance(base, oldText.slice(0, p)), end: advance(base, oldText.slice(0, oldText.length - s)), text: inserted, oldText: removed };
}

/** The position reached from `base` after the text `t`. */
function advance(base: { line: number; character: number }, t: string): { line: number; character: number } {
  const nl = t.lastIndexOf('\n');
  if (nl < 0) return { line: base.line, character: base.character + t.length };
  let lines = 0;
  for (let x = 0; x < t.length; x++) if (t.charCodeAt(x) === 10) lines++;
  return { line: base.line + lines, character: t.length - nl - 1 };
}
