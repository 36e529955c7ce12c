// Owns the text a document had before each change. An editor reports a change as a range of the
// old text and the new text, never what was removed; a shadow copy of the lines, updated with
// each change, supplies it so the edit history can show real diffs.
import type { Position } from '../completion/types';

/** One change in whole lines: lines [startLine, startLine + oldLines.length) became newLines. */
export interface LineChange {
  startLine: number;
  oldLines: string[];
  newLines: string[];
}

export class LineShadow {
  private lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineAt(n: number): string {
    return this.lines[n] ?? '';
  }

  /**
   * Applies one change given in the coordinates of the text before it (as editors report them) and
   * returns it in whole lines. Out-of-range positions are clamped: the shadow must never throw.
   */
  apply(start: Position, end: Position, text: string): LineChange {
    const last = this.lines.length - 1;
    const sl = Math.min(Math.max(0, start.line), last);
    const el = Math.min(Math.max(sl, end.line), last);
    const oldLines = this.lines.slice(sl, el + 1);
    const head = oldLines[0].slice(0, start.character);
    const tail = oldLines[oldLines.length - 1].slice(el === end.line ? end.character : oldLines[oldLines.length - 1].length);
    const newLines = (head + text + tail).split(/\r?\n/);
    // A large paste must not pass its lines as call arguments (engines cap their count).
    if (newLines.length > 10_000) this.lines = this.lines.slice(0, sl).concat(newLines, this.lines.slice(sl + oldLines.length));
    else this.lines.splice(sl, oldLines.length, ...newLines);
    return { startLine: sl, oldLines, newLines };
  }
}
