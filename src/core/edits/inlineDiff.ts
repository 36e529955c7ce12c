// Owns the in-place view of a proposed change (inline chat): the file shows each hunk's removed lines
// followed by its added lines, and every Keep or Undo of a hunk deletes one of the two runs. Hunk
// indices are splitHunks' own, so the verdicts feed withoutRejectedHunks unchanged. Line numbers
// here are 0-based lines of the mixed text.
import { splitHunks } from './hunks';

export type InlineVerdict = 'kept' | 'undone';

export interface InlineHunk {
  index: number;
  /** First line of the hunk in the mixed text (its removed lines, then its added lines). */
  start: number;
  /** Removed lines still shown (0 once kept). */
  removed: number;
  /** Added lines still shown (0 once undone). */
  added: number;
  /** 1-based line of the hunk's first added line in the proposed file. */
  newStart: number;
  /** Added lines in the proposed file (whatever is shown). */
  newLines: number;
  verdict?: InlineVerdict;
}

/** Lines to delete from the mixed text: [start, start + count). */
export interface LineDeletion {
  start: number;
  count: number;
}

function lines(text: string): string[] {
  if (!text) return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

export class InlineDiff {
  readonly hunks: InlineHunk[];
  /** The mixed text the editor shows when the review starts. */
  readonly text: string;

  constructor(
    readonly oldText: string,
    readonly newText: string,
  ) {
    const oldL = lines(oldText);
    const newL = lines(newText);
    const out: string[] = [];
    let cursor = 0;
    this.hunks = splitHunks(oldText, newText).map((h) => {
      // Unchanged lines before the hunk (a pure insertion's oldStart is the line after it).
      out.push(...oldL.slice(cursor, h.oldStart - 1));
      const start = out.length;
      out.push(...oldL.slice(h.oldStart - 1, h.oldStart - 1 + h.oldLines), ...newL.slice(h.newStart - 1, h.newStart - 1 + h.newLines));
      cursor = h.oldStart - 1 + h.oldLines;
      return { index: h.index, start, removed: h.oldLines, added: h.newLines, newStart: h.newStart, newLines: h.newLines };
    });
    out.push(...oldL.slice(cursor));
    this.text = out.length ? out.join('\n') + (oldText.endsWith('\n') || newText.endsWith('\n') ? '\n' : '') : '';
  }

  undecided(): InlineHunk[] {
    return this.hunks.filter((h) => !h.verdict);
  }

  done(): boolean {
    return this.hunks.every((h) => h.verdict);
  }

  /** Indices the user undid (the rest were kept). */
  undone(): number[] {
    return this.hunks.filter((h) => h.verdict === 'undone').map((h) => h.index);
  }

  /** The hunk whose shown lines contain `line`, if it still waits for a verdict. */
  hunkAt(line: number): InlineHunk | undefined {
    return this.undecided().find((h) => line >= h.start && line < h.start + Math.max(1, h.removed + h.added));
  }

  /**
   * Records a verdict and returns the lines to delete from the editor for it: Keep drops the removed
   * lines, Undo the added ones. Later hunks move up by as many lines. Undefined when already decided.
   */
  decide(index: number, verdict: InlineVerdict): LineDeletion | undefined {
    const h = this.hunks.find((x) => x.index === index);
    if (!h || h.verdict) return undefined;
    h.verdict = verdict;
    const deletion = verdict === 'kept' ? { start: h.start, count: h.removed } : { start: h.start + h.removed, count: h.added };
    if (verdict === 'kept') h.removed = 0;
    else h.added = 0;
    for (const later of this.hunks) if (later.start > h.start) later.start -= deletion.count;
    return deletion;
  }

  /** Where a 1-based line of the proposed file is shown now (undefined when it is not shown). */
  lineOfNew(line: number): number | undefined {
    const n = line - 1;
    let delta = 0; // mixed line - proposed line, for unchanged lines
    for (const h of this.hunks) {
      const first = h.newStart - 1;
      if (n < first) return n + delta;
      if (n < first + h.newLines) return h.verdict === 'undone' ? undefined : h.start + h.removed + (n - first);
      delta = h.start + h.removed + h.added - (first + h.newLines);
    }
    return n + delta;
  }
}
