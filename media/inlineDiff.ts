// Which characters of a changed line changed: a removed line followed by an added one (the n-th
// removed line of a run paired with the n-th added line) differs between their common start and
// common end, widened to whole words; that part is marked, so a one-word edit on a long line shows
// where it is.

/** The changed part of `before` → `after`: [start, end in before, end in after] (ends exclusive), or undefined when the lines share nothing. */
export function changedSpan(before: string, after: string): [number, number, number] | undefined {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // Whole words: "today" → "this week" marks both words, not "oday" → "his week".
  const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  while (start > 0 && word(before[start - 1]) && (word(before[start]) || word(after[start]))) start--;
  while (end > 0 && word(before[before.length - end]) && (word(before[before.length - end - 1]) || word(after[after.length - end - 1]))) end--;
  // Nothing in common (or one line holds the other): a mark over the whole line tells nothing.
  if (start === 0 && end === 0) return undefined;
  return [start, before.length - end, after.length - end];
}

/** For each line index of a diff's rows ('add' | 'del' | other), the [from, to) of its changed characters. */
export function pairChanges(rows: ReadonlyArray<{ kind: string; text: string }>): Map<number, [number, number]> {
  const marks = new Map<number, [number, number]>();
  for (let i = 0; i < rows.length; ) {
    if (rows[i].kind !== 'del') {
      i++;
      continue;
    }
    const dels: number[] = [];
    while (i < rows.length && rows[i].kind === 'del') dels.push(i++);
    const adds: number[] = [];
    while (i < rows.length && rows[i].kind === 'add') adds.push(i++);
    for (let n = 0; n < Math.min(dels.length, adds.length); n++) {
      const span = changedSpan(rows[dels[n]].text, rows[adds[n]].text);
      if (!span) continue;
      marks.set(dels[n], [span[0], span[1]]);
      marks.set(adds[n], [span[0], span[2]]);
    }
  }
  return marks;
}
