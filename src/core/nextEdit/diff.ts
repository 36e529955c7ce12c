// Owns diffing lines: a longest-common-subsequence line diff for the small texts next-edit deals
// with (a region, one edit event), bounded so a pathological answer cannot cost quadratic time on
// thousands of lines, and the unified-diff rendering the prompts show the model.
export type LineOp = { kind: 'equal' | 'delete' | 'insert'; line: string };

/** Cells of the LCS table above which the diff falls back to trimming a common prefix and suffix. */
const MAX_CELLS = 250_000;

export function diffLines(a: string[], b: string[]): LineOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: LineOp[] = a.slice(0, pre).map((line) => ({ kind: 'equal' as const, line }));
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > MAX_CELLS) {
    for (const line of am) ops.push({ kind: 'delete', line });
    for (const line of bm) ops.push({ kind: 'insert', line });
  } else ops.push(...lcs(am, bm));
  for (const line of a.slice(a.length - suf)) ops.push({ kind: 'equal', line });
  return ops;
}

function lcs(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  // Suffix table: t[i][j] = LCS length of a[i..] and b[j..].
  const t: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'equal', line: a[i] });
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) ops.push({ kind: 'delete', line: a[i++] });
    else ops.push({ kind: 'insert', line: b[j++] });
  }
  while (i < n) ops.push({ kind: 'delete', line: a[i++] });
  while (j < m) ops.push({ kind: 'insert', line: b[j++] });
  return ops;
}

/** A unified diff of `oldLines` → `newLines` starting at 0-based `startLine`, as one hunk with up to `context` unchanged lines around the changes. */
export function unifiedHunk(startLine: number, oldLines: string[], newLines: string[], context = 2): string {
  const ops = diffLines(oldLines, newLines);
  const first = ops.findIndex((o) => o.kind !== 'equal');
  if (first < 0) return '';
  let last = ops.length - 1;
  while (ops[last].kind === 'equal') last--;
  const from = Math.max(0, first - context);
  const to = Math.min(ops.length, last + 1 + context);
  const shown = ops.slice(from, to);
  const skippedOld = ops.slice(0, from).filter((o) => o.kind !== 'insert').length;
  const oldCount = shown.filter((o) => o.kind !== 'insert').length;
  const newCount = shown.filter((o) => o.kind !== 'delete').length;
  const at = startLine + skippedOld + 1;
  const body = shown.map((o) => (o.kind === 'equal' ? ' ' : o.kind === 'delete' ? '-' : '+') + o.line);
  return [`@@ -${at},${oldCount} +${at},${newCount} @@`, ...body].join('\n');
}
