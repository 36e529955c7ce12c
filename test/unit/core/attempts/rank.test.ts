// Ranking attempts (tests pass, fewer failing, a change before none, smaller diff, earlier finish)
// and reading the failing-test count from the summaries of common test runners.
import { strict as assert } from 'node:assert';
import { compareAttempts, failingCount, rankAttempts, type RankInput, type TestOutcome } from '../../../../src/core/attempts/rank';

const tests = (passed: boolean, failing?: number): TestOutcome => ({ command: 't', passed, ...(failing !== undefined ? { failing } : {}), exitCode: passed ? 0 : 1, timedOut: false, durationMs: 1, outputTail: '' });
const attempt = (index: number, o: Partial<RankInput> = {}): RankInput => ({ index, linesChanged: 10, filesChanged: 1, finishedAtMs: 100, ...o });

describe('ranking attempts', () => {
  const CASES: Array<[string, RankInput, RankInput]> = [
    ['passing tests beat failing ones, whatever the diff', attempt(2, { tests: tests(true), linesChanged: 500 }), attempt(1, { tests: tests(false, 1), linesChanged: 1 })],
    ['fewer failing tests win', attempt(2, { tests: tests(false, 1) }), attempt(1, { tests: tests(false, 3) })],
    ['a known failing count beats an unknown one', attempt(2, { tests: tests(false, 9) }), attempt(1, { tests: tests(false) })],
    ['tests run beat no tests', attempt(2, { tests: tests(false, 1) }), attempt(1)],
    ['among passing, a change beats no change', attempt(2, { tests: tests(true), linesChanged: 40 }), attempt(1, { tests: tests(true), linesChanged: 0, filesChanged: 0 })],
    ['then the smaller diff', attempt(2, { tests: tests(true), linesChanged: 3 }), attempt(1, { tests: tests(true), linesChanged: 4 })],
    ['then the earlier finish', attempt(2, { tests: tests(true), finishedAtMs: 50 }), attempt(1, { tests: tests(true), finishedAtMs: 60 })],
    ['all equal: the lower index', attempt(1, { tests: tests(true) }), attempt(2, { tests: tests(true) })],
  ];
  for (const [name, better, worse] of CASES) {
    it(name, () => {
      assert.ok(compareAttempts(better, worse) < 0);
      assert.ok(compareAttempts(worse, better) > 0);
      assert.deepEqual(rankAttempts([worse, better]).map((a) => a.index), [better.index, worse.index]);
    });
  }
});

describe('failing tests from a runner summary', () => {
  const OUTPUTS: Array<[string, string, number | undefined]> = [
    ['mocha', '  3 passing (20ms)\n  2 failing\n\n  1) x', 2],
    ['jest', 'Test Suites: 1 failed, 2 passed, 3 total\nTests:       4 failed, 10 passed, 14 total', 4],
    ['vitest', ' Test Files  1 failed (1)\n      Tests  2 failed | 5 passed (7)', 2],
    ['node:test', '# tests 5\n# pass 2\n# fail 3\n', 3],
    ['node:test (spec reporter)', 'ℹ tests 5\nℹ pass 4\nℹ fail 1\n', 1],
    ['pytest', '=========== 2 failed, 7 passed in 0.12s ===========', 2],
    ['cargo', 'test result: FAILED. 8 passed; 3 failed; 0 ignored', 3],
    ['go', '--- FAIL: TestA (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL', 2],
    ['no summary', 'Error: Cannot find module', undefined],
  ];
  for (const [runner, output, count] of OUTPUTS) it(`${runner}: ${count ?? 'unknown'}`, () => assert.equal(failingCount(output, false), count));
  it('a passing run has none, whatever it printed', () => assert.equal(failingCount('0 failing, retried 2 failed flaky', true), 0));
});
