// Owns which lines of a change's new text are added (1-based), for the reviewer's checks: the
// guard's own addedLines (a created file: every line; a deleted one: none).
import type { ProposedChange } from '../changes/change';
import { addedLines } from '../guard/scan';

export function addedLineNumbers(c: ProposedChange): Set<number> {
  if (c.newText === undefined) return new Set();
  if (c.kind === 'create' || c.oldText === undefined) return new Set(c.newText.split('\n').map((_, i) => i + 1));
  return addedLines(c.oldText, c.newText);
}
