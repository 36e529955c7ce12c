// Owns which lines of a change's new text are added (1-based), for the reviewer's checks.
import { structuredPatch } from 'diff';
import type { ProposedChange } from '../changes/change';

export function addedLineNumbers(c: ProposedChange): Set<number> {
  const out = new Set<number>();
  if (c.newText === undefined) return out;
  if (c.kind === 'create' || c.oldText === undefined) {
    c.newText.split('\n').forEach((_, i) => out.add(i + 1));
    return out;
  }
  for (const h of structuredPatch('a', 'b', c.oldText, c.newText, undefined, undefined, { context: 0 }).hunks) {
    let line = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith('+')) out.add(line++);
      else if (!l.startsWith('-') && !l.startsWith('\\')) line++;
    }
  }
  return out;
}
