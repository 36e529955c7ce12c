// Owns fuzzy matching of a typed query against workspace paths, the way a file picker ranks them:
// the query's characters in order (case-insensitive), with bonuses for matches at the start of a
// path segment or a word, for runs of consecutive characters, and for matches in the file name.
// Pure and synchronous: it runs on every keystroke over thousands of paths.

/** Score of `query` against `candidate`, higher is better; undefined when it does not match at all. */
export function fuzzyScore(query: string, candidate: string): number | undefined {
  const q = query.toLowerCase().replace(/\\/g, '/');
  if (!q) return 0;
  const c = candidate.toLowerCase();
  const nameStart = candidate.lastIndexOf('/') + 1;
  // A plain substring of the file name is the strongest signal (what the user usually types).
  const inName = c.indexOf(q, nameStart);
  let score = 0;
  let ci = 0;
  let run = 0;
  let firstAt = -1;
  for (let qi = 0; qi < q.length; qi++) {
    const ch = q[qi];
    let found = -1;
    for (let k = ci; k < c.length; k++) {
      if (c[k] === ch) {
        found = k;
        break;
      }
    }
    if (found < 0) return undefined;
    if (firstAt < 0) firstAt = found;
    const prev = found > 0 ? candidate[found - 1] : '/';
    const boundary = prev === '/' || prev === '_' || prev === '-' || prev === '.' || prev === ' ' || (/[a-z]/.test(prev) && /[A-Z]/.test(candidate[found]));
    run = found === ci && qi > 0 ? run + 1 : 0;
    score += 1 + (boundary ? 8 : 0) + run * 5 + (found >= nameStart ? 2 : 0);
    ci = found + 1;
  }
  if (inName >= 0) score += 20 + (inName === nameStart ? 15 : 0);
  if (c === q || c.slice(nameStart) === q) score += 50;
  // Shorter paths and earlier matches first among equals.
  return score - candidate.length * 0.05 - firstAt * 0.01;
}

/** The candidates that match, best first (ties: shorter, then alphabetical), at most `limit`. */
export function rankFuzzy<T>(query: string, items: readonly T[], key: (item: T) => string, limit = 50): T[] {
  const scored: Array<{ item: T; score: number; k: string }> = [];
  for (const item of items) {
    const k = key(item);
    const score = fuzzyScore(query, k);
    if (score !== undefined) scored.push({ item, score, k });
  }
  scored.sort((a, b) => b.score - a.score || a.k.length - b.k.length || a.k.localeCompare(b.k));
  return scored.slice(0, limit).map((s) => s.item);
}
