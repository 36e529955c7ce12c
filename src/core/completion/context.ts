// Owns the prefix/suffix windows around the cursor. Lines are read outward from the cursor until a
// character budget is spent, so the cost is O(window) whatever the file's size.
import type { LineSource, Position } from './types';

export interface Windows {
  /** Text before the cursor (whole lines above, then the cursor line up to the cursor). */
  prefix: string;
  /** Text after the cursor (the rest of the cursor line, then whole lines below). */
  suffix: string;
  /** The cursor line before / after the cursor. */
  linePrefix: string;
  lineSuffix: string;
  /** True when the prefix reaches the start of the file / the suffix its end. */
  prefixComplete: boolean;
  suffixComplete: boolean;
}

export interface WindowBudget {
  prefixChars: number;
  suffixChars: number;
}

export const DEFAULT_BUDGET: WindowBudget = { prefixChars: 6000, suffixChars: 2000 };

export function buildWindows(doc: LineSource, pos: Position, budget: WindowBudget = DEFAULT_BUDGET): Windows {
  const line = Math.min(Math.max(pos.line, 0), Math.max(doc.lineCount - 1, 0));
  const text = doc.lineCount > 0 ? doc.lineAt(line) : '';
  const ch = Math.min(Math.max(pos.character, 0), text.length);
  const linePrefix = text.slice(0, ch);
  const lineSuffix = text.slice(ch);

  const above: string[] = [];
  let used = linePrefix.length;
  let n = line - 1;
  for (; n >= 0; n--) {
    const l = doc.lineAt(n);
    if (used + l.length + 1 > budget.prefixChars) break;
    above.push(l);
    used += l.length + 1;
  }
  const prefixComplete = n < 0;
  above.reverse();
  const prefix = (above.length ? above.join('\n') + '\n' : '') + linePrefix;

  const below: string[] = [];
  used = lineSuffix.length;
  let m = line + 1;
  for (; m < doc.lineCount; m++) {
    const l = doc.lineAt(m);
    if (used + l.length + 1 > budget.suffixChars) break;
    below.push(l);
    used += l.length + 1;
  }
  const suffixComplete = m >= doc.lineCount;
  const suffix = lineSuffix + (below.length ? '\n' + below.join('\n') : '');
  return { prefix, suffix, linePrefix, lineSuffix, prefixComplete, suffixComplete };
}

/** A LineSource over a string (tests, the CLI, benchmarks). Splits once. */
export function lineSourceOf(text: string): LineSource {
  const lines = text.split(/\r?\n/);
  return { lineCount: lines.length, lineAt: (n: number) => lines[n] ?? '' };
}
