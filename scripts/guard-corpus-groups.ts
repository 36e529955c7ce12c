// Owns which corpus folders are our own material and which public material is held out, so that
// `--by-source` can print the sums the guard's goal is stated in: public material only (tuned and held
// out), and the held-out public sources alone. A folder not named here counts as public and tuned.
import type { Cell } from './guard-corpus';

/** Written for the corpus by this project (`tandem/`, and `holdout/` written after the engine was tuned). */
export const OWN_SOURCES = ['tandem', 'holdout'];

/** Public sources added after the rules were tuned on the other public folders, never tuned on (issue 11). */
export const HELD_OUT_PUBLIC = ['commons-net', 'devcert', 'spur'];

/** The second held-out round: published packages (vulnerable/fixed pairs where there is one), annotated and measured before any rule change. */
export const HELD_OUT_PUBLIC_2 = ['codecov', 'crypto-js', 'decompress', 'fabric', 'morgan', 'netmiko', 'netty', 'node-sass', 'oauthlib', 'pg', 'tree-kill'];

/** The third held-out round: SQL injection and hard-coded secrets in Python and Java, annotated and committed before the guard was run on them. */
export const HELD_OUT_PUBLIC_3 = ['aiomysql', 'h2database', 'jetty', 'sqlmap', 'tornado', 'werkzeug'];

export type SourceGroup = 'public, all' | 'public, tuned on' | 'public, held out' | 'public, held out, round 2' | 'public, held out, round 3' | 'own';

export function groupsOf(source: string): SourceGroup[] {
  if (OWN_SOURCES.includes(source)) return ['own'];
  if (HELD_OUT_PUBLIC_2.includes(source)) return ['public, all', 'public, held out, round 2'];
  if (HELD_OUT_PUBLIC_3.includes(source)) return ['public, all', 'public, held out, round 3'];
  return HELD_OUT_PUBLIC.includes(source) ? ['public, all', 'public, held out'] : ['public, all', 'public, tuned on'];
}

/** The per-group sums of the per-source cells, in a fixed order, groups without any line left out. */
export function groupSums(bySource: Map<string, Cell>): Array<[SourceGroup, Cell]> {
  const order: SourceGroup[] = ['public, all', 'public, tuned on', 'public, held out', 'public, held out, round 2', 'public, held out, round 3', 'own'];
  const sums = new Map<SourceGroup, Cell>();
  for (const [source, c] of bySource) {
    for (const g of groupsOf(source)) {
      const s = sums.get(g) ?? { vulnerable: 0, found: 0, safe: 0, flagged: 0 };
      sums.set(g, { vulnerable: s.vulnerable + c.vulnerable, found: s.found + c.found, safe: s.safe + c.safe, flagged: s.flagged + c.flagged });
    }
  }
  return order.filter((g) => sums.has(g)).map((g) => [g, sums.get(g)!]);
}
