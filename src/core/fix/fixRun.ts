// Owns fixing one group of findings: K attempts (core/attempts: each in its own copy of the
// workspace, tests run there), each judged (judge.ts: only the group's file, findings gone, nothing
// new of medium or above, tests pass), and the best verified one kept — most findings fixed, then
// the attempts' own order (tests, smaller diff, earlier finish). Unverified patches are only reported.
import { runAttempts, type AttemptAgentRunner, type AttemptResult, type ModelChoice } from '../attempts/attemptRun';
import { compareAttempts } from '../attempts/rank';
import type { Sandbox } from '../sandbox/sandbox';
import type { FindingGroup } from './groups';
import { judgeAttempt, type Scan, type Verdict } from './judge';
import { fixTask } from './task';

export interface FixGroupOptions {
  workspaceRoot: string;
  group: FindingGroup;
  attempts: number;
  parallel: number;
  models: ModelChoice[];
  runAgent: AttemptAgentRunner;
  /** undefined: no test command, the re-scan alone verifies. */
  testCommand?: string;
  testTimeoutMs: number;
  sandbox?: Sandbox;
  env?: NodeJS.ProcessEnv;
  scan: Scan;
  signal: AbortSignal;
  onAttemptJudged?: (r: AttemptResult, v: Verdict) => void;
  onCleanupError?: (message: string) => void;
}

export interface JudgedAttempt {
  result: AttemptResult;
  verdict: Verdict;
}

export interface FixGroupResult {
  group: FindingGroup;
  attempts: JudgedAttempt[];
  /** The best verified attempt; undefined when none was verified. */
  best?: JudgedAttempt;
  cancelled: boolean;
}

/** Best first: verified, then more findings fixed, then the attempts' ranking. */
export function compareJudged(a: JudgedAttempt, b: JudgedAttempt): number {
  return Number(b.verdict.verified) - Number(a.verdict.verified) || b.verdict.fixed.length - a.verdict.fixed.length || compareAttempts(a.result, b.result);
}

export async function fixGroup(o: FixGroupOptions): Promise<FixGroupResult> {
  const summary = await runAttempts({
    workspaceRoot: o.workspaceRoot,
    task: fixTask(o.group, o.testCommand),
    attempts: o.attempts,
    parallel: o.parallel,
    models: o.models,
    runAgent: o.runAgent,
    ...(o.testCommand ? { verify: { command: o.testCommand, timeoutMs: o.testTimeoutMs, ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.env ? { env: o.env } : {}) } } : {}),
    signal: o.signal,
    ...(o.onCleanupError ? { onCleanupError: o.onCleanupError } : {}),
  });
  const attempts: JudgedAttempt[] = [];
  for (const result of summary.results) {
    const verdict = await judgeAttempt(o.group, result, o.scan, Boolean(o.testCommand));
    o.onAttemptJudged?.(result, verdict);
    attempts.push({ result, verdict });
  }
  const best = [...attempts].sort(compareJudged)[0];
  return { group: o.group, attempts, ...(best?.verdict.verified ? { best } : {}), cancelled: summary.cancelled };
}
