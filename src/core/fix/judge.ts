// Owns verifying one attempt's patch for a group: it may touch only the group's file; the file is
// scanned again with the guard — each selected finding must be gone (matched by rule and line text,
// then by rule, so moved lines still match) and no new finding of severity medium or above may
// appear — and the test command, when there is one, must pass.
import type { AttemptResult } from '../attempts/attemptRun';
import type { Finding } from '../changes/finding';
import type { FindingGroup } from './groups';

export type Scan = (path: string, text: string) => Promise<Finding[]>;

export interface Verdict {
  verified: boolean;
  /** The selected findings this patch removes. */
  fixed: Finding[];
  /** Why it is not verified (said to the user). */
  why?: string;
  /** Findings the patch brought in (severity medium or above). */
  introduced: Finding[];
}

const snippetKey = (f: Finding) => `${f.ruleId}\0${f.snippet.replace(/\s+/g, ' ').trim()}`;

/** Multiset matching of findings before and after a patch: what went away, and what came. */
export function compareFindings(before: Finding[], after: Finding[]): { gone: Finding[]; added: Finding[] } {
  const left = [...after];
  const gone: Finding[] = [];
  const unmatched: Finding[] = [];
  for (const f of before) {
    const i = left.findIndex((a) => snippetKey(a) === snippetKey(f));
    if (i >= 0) left.splice(i, 1);
    else unmatched.push(f);
  }
  for (const f of unmatched) {
    const i = left.findIndex((a) => a.ruleId === f.ruleId);
    if (i >= 0) left.splice(i, 1);
    else gone.push(f);
  }
  return { gone, added: left };
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

export async function judgeAttempt(g: FindingGroup, r: AttemptResult, scan: Scan, testsRequired: boolean): Promise<Verdict> {
  const none = (why: string): Verdict => ({ verified: false, fixed: [], introduced: [], why });
  if (r.outcome === 'error') return none(`the agent failed: ${r.message ?? 'unknown error'}`);
  const outside = [...r.changes.flatMap((c) => [c.path, ...(c.newPath ? [c.newPath] : [])]), ...r.notText, ...r.conflicts].filter((p) => p !== g.path);
  if (outside.length) return none(`the patch touches files outside ${g.path}: ${[...new Set(outside)].join(', ')} (refused)`);
  const mine = r.changes.find((c) => c.path === g.path);
  if (!mine) return none('the agent changed nothing');
  if (mine.kind !== 'update' || mine.newText === undefined) return none(`the patch ${mine.kind === 'delete' ? 'deletes' : 'moves'} ${g.path} instead of fixing it (refused)`);
  const after = await scan(g.path, mine.newText);
  const { gone, added } = compareFindings(g.before, after);
  const fixed = g.findings.filter((f) => gone.includes(f));
  const introduced = added.filter((f) => RANK[f.severity] >= RANK.medium);
  if (introduced.length) return { verified: false, fixed, introduced, why: `the patch brings in ${introduced.map((f) => `${f.ruleId} (line ${f.line}, ${f.severity})`).join(', ')}` };
  if (fixed.length === 0) return { verified: false, fixed, introduced, why: 'the finding is still there after the patch' };
  if (testsRequired && !r.tests?.passed) return { verified: false, fixed, introduced, why: `the tests fail after the patch (${r.tests?.command ?? 'no result'}${r.tests?.timedOut ? ', timed out' : ''})` };
  return { verified: true, fixed, introduced };
}
