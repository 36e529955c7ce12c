// Owns choosing what the model may rewrite: an editable region of about twenty lines around the
// cursor, grown to whole statements, plus read-only context above and below it. Reads only the
// lines it needs (a 200k-line file costs what a 100-line one does) and is capped in characters,
// so a huge file or a minified line never puts the whole file into a prompt.
import type { LineSource, Position } from '../completion/types';

export interface RegionOptions {
  /** Lines above and below the cursor line before growing (default 10). */
  around?: number;
  /** The most lines growing to whole statements may add at each end (default 8). */
  growMax?: number;
  /** The most characters of the editable region (default 6000). */
  maxRegionChars?: number;
  /** Read-only context lines above and below the region (default 20 each). */
  contextLines?: number;
  /** The most characters of context at each side (default 2000). */
  maxContextChars?: number;
}

export interface Region {
  /** First line of the editable region. */
  startLine: number;
  /** The region's lines (exclusive end: startLine + lines.length). */
  lines: string[];
  /** The cursor, relative to the region (line 0 is startLine). */
  cursor: Position;
  /** Context lines right above the region, top first. */
  before: string[];
  /** Context lines right below the region. */
  after: string[];
  /** True when `before` reaches the first line of the file. */
  startOfFile: boolean;
}

const CONTINUES_AT_END = /(?:[,([{=+\-*/%&|^?.\\]|=>|&&|\|\|)\s*$/;
const CONTINUES_AT_START = /^\s*(?:[)\]}.?:]|&&|\|\||\+|-(?!-)|\*(?!\*)|=>)/;

/** True when `next` carries on the statement `prev` began (an open bracket, an operator, a closer). */
export function continuesStatement(prev: string, next: string): boolean {
  if (!prev.trim() || !next.trim()) return false;
  return CONTINUES_AT_END.test(prev.replace(/\s*\/\/.*$/, '')) || CONTINUES_AT_START.test(next);
}

/** The region around `cursor`, or undefined when even the cursor's line exceeds the character cap. */
export function selectRegion(doc: LineSource, cursor: Position, o: RegionOptions = {}): Region | undefined {
  const around = o.around ?? 10;
  const growMax = o.growMax ?? 8;
  const maxChars = o.maxRegionChars ?? 6000;
  const n = doc.lineCount;
  if (n === 0) return undefined;
  const line = Math.min(Math.max(0, cursor.line), n - 1);
  if (doc.lineAt(line).length > maxChars) return undefined;
  let start = Math.max(0, line - around);
  let end = Math.min(n, line + around + 1);
  for (let g = 0; g < growMax && start > 0 && continuesStatement(doc.lineAt(start - 1), doc.lineAt(start)); g++) start--;
  for (let g = 0; g < growMax && end < n && continuesStatement(doc.lineAt(end - 1), doc.lineAt(end)); g++) end++;
  // Over the cap: drop the line farthest from the cursor until it fits.
  const lengths = new Map<number, number>();
  const len = (i: number) => lengths.get(i) ?? (lengths.set(i, doc.lineAt(i).length + 1), lengths.get(i) as number);
  let total = 0;
  for (let i = start; i < end; i++) total += len(i);
  while (total > maxChars && end - start > 1) {
    if (line - start >= end - 1 - line) total -= len(start++);
    else total -= len(--end);
  }
  const lines: string[] = [];
  for (let i = start; i < end; i++) lines.push(doc.lineAt(i));
  const ctxLines = o.contextLines ?? 20;
  const ctxChars = o.maxContextChars ?? 2000;
  const before: string[] = [];
  let used = 0;
  for (let i = start - 1; i >= 0 && before.length < ctxLines; i--) {
    const t = doc.lineAt(i);
    if (used + t.length + 1 > ctxChars) break;
    used += t.length + 1;
    before.unshift(t);
  }
  const after: string[] = [];
  used = 0;
  for (let i = end; i < n && after.length < ctxLines; i++) {
    const t = doc.lineAt(i);
    if (used + t.length + 1 > ctxChars) break;
    used += t.length + 1;
    after.push(t);
  }
  const character = Math.min(Math.max(0, cursor.character), lines[line - start].length);
  return { startLine: start, lines, cursor: { line: line - start, character }, before, after, startOfFile: start - before.length === 0 };
}
