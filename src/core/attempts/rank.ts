// Owns judging finished attempts: how many tests failed (read from the test runner's summary) and
// the order of the attempts — tests passed, then fewer failing tests, then an attempt that changed
// something before one that changed nothing, then the smaller diff, then the earlier finish.

export interface TestOutcome {
  command: string;
  /** Exit code 0 and not timed out. */
  passed: boolean;
  /** Failing tests read from the runner's summary (0 when passed); undefined when no summary was found. */
  failing?: number;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The end of the output, for the user. */
  outputTail: string;
}

export interface RankInput {
  index: number;
  tests?: TestOutcome;
  linesChanged: number;
  filesChanged: number;
  /** Milliseconds from the run's start to this attempt's end. */
  finishedAtMs: number;
}

/** Summary lines of common runners, most specific first; the first that matches gives the count. */
const FAILING_PATTERNS: Array<{ runner: string; re: RegExp; count?: 'matches' }> = [
  { runner: 'jest/vitest', re: /^\s*Tests:?\s+(?:[^\n]*?\s)?(\d+) failed/m },
  { runner: 'mocha', re: /^\s*(\d+) failing\b/m },
  { runner: 'node:test/tap', re: /^[#ℹ] fail (\d+)\s*$/m },
  { runner: 'pytest', re: /=+ (?:[^\n=]*?\b)?(\d+) failed\b[^\n]*=+\s*$/m },
  { runner: 'cargo', re: /^test result: FAILED\. \d+ passed; (\d+) failed/m },
  { runner: 'go', re: /^\s*--- FAIL: /gm, count: 'matches' },
  { runner: 'generic', re: /\b(\d+) (?:tests? )?fail(?:ed|ing|ures?)\b/i },
];

/** The number of failing tests a runner reported, or undefined when its output has no summary. */
export function failingCount(output: string, passed: boolean): number | undefined {
  if (passed) return 0;
  for (const p of FAILING_PATTERNS) {
    if (p.count === 'matches') {
      const n = output.match(p.re)?.length ?? 0;
      if (n > 0) return n;
      continue;
    }
    const m = p.re.exec(output);
    if (m) return Number(m[1]);
  }
  return undefined;
}

const failingRank = (t: TestOutcome | undefined) => (t?.passed ? 0 : t?.failing ?? Number.POSITIVE_INFINITY);

/** Negative when a is better than b. */
export function compareAttempts(a: RankInput, b: RankInput): number {
  const passed = Number(Boolean(b.tests?.passed)) - Number(Boolean(a.tests?.passed));
  if (passed) return passed;
  const fa = failingRank(a.tests);
  const fb = failingRank(b.tests);
  if (fa !== fb) return fa < fb ? -1 : 1;
  // An attempt that changed nothing did not do the task, however small its diff.
  const empty = Number(a.filesChanged === 0) - Number(b.filesChanged === 0);
  if (empty) return empty;
  if (a.linesChanged !== b.linesChanged) return a.linesChanged - b.linesChanged;
  if (a.finishedAtMs !== b.finishedAtMs) return a.finishedAtMs - b.finishedAtMs;
  return a.index - b.index;
}

/** The attempts best first (a new array). */
export function rankAttempts<T extends RankInput>(attempts: readonly T[]): T[] {
  return [...attempts].sort(compareAttempts);
}
