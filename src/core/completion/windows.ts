// Owns the prefix/suffix windows around the cursor. Lines are read outward from the cursor until a
// token budget is spent, so the cost is O(window) whatever the file's size. The suffix is read first:
// what it leaves unused (near the end of a file) goes to the prefix.
import { lineTokens } from './budget';
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

/** Estimated tokens (see budget.ts) for the text before and after the cursor. */
export interface WindowBudget {
  prefixTokens: number;
  suffixTokens: number;
}

export const DEFAULT_BUDGET: WindowBudget = { prefixTokens: 1_800, suffixTokens: 600 };

export function buildWindows(doc: LineSource, pos: Position, budget: WindowBudget = DEFAULT_BUDGET): Windows {
  const line = Math.min(Math.max(pos.line, 0), Math.max(doc.lineCount - 1, 0));
  const text = doc.lineCount > 0 ? doc.lineAt(line) : '';
  const ch = Math.min(Math.max(pos.character, 0), text.length);
  const linePrefix = text.slice(0, ch);
  const lineSuffix = text.slice(ch);

  const below: string[] = [];
  let used = lineTokens(lineSuffix);
  let m = line + 1;
  for (; m < doc.lineCount; m++) {
    const l = doc.lineAt(m);
    const cost = lineTokens(l);
    if (used + cost > budget.suffixTokens) break;
    below.push(l);
    used += cost;
  }
  const suffixComplete = m >= doc.lineCount;
  const suffix = lineSuffix + (below.length ? '\n' + below.join('\n') : '');

  const prefixBudget = budget.prefixTokens + Math.max(0, budget.suffixTokens - used);
  const above: string[] = [];
  used = lineTokens(linePrefix);
  let n = line - 1;
  for (; n >= 0; n--) {
    const l = doc.lineAt(n);
    const cost = lineTokens(l);
    if (used + cost > prefixBudget) break;
    above.push(l);
    used += cost;
  }
  const prefixComplete = n < 0;
  above.reverse();
  const prefix = (above.length ? above.join('\n') + '\n' : '') + linePrefix;
  return { prefix, suffix, linePrefix, lineSuffix, prefixComplete, suffixComplete };
}

/** A LineSource over a string (tests, the CLI, benchmarks). Splits once. */
export function lineSourceOf(text: string): LineSource {
  const lines = text.split(/\r?\n/);
  return { lineCount: lines.length, lineAt: (n: number) => lines[n] ?? '' };
}
