// Entry point the extension host loads (extensionTestsPath): runs every bundled *.test.js beside it
// with mocha inside the real VS Code, then writes a JSON result for the runner outside (code-server
// gives the runner no other channel) and settles, which lets the extension host exit.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { resetWindow } from './isolation';

interface Outcome {
  passed: number;
  failed: number;
  tests: Array<{ title: string; state: 'passed' | 'failed'; error?: string }>;
  /** Figures the tests recorded with recordMetric() (helpers.ts). */
  metrics?: Record<string, number>;
}

export async function run(): Promise<void> {
  const resultPath = process.env.TANDEM_TEST_RESULT;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, forbidOnly: true, forbidPending: true });
  // The untrusted window runs only the @untrusted tests; the trusted one all the others.
  const untrusted = process.env.TANDEM_TEST_TAG === 'untrusted';
  const only = process.env.TANDEM_TEST_GREP ?? '';
  mocha.grep(new RegExp(`^${untrusted ? '(?=.*@untrusted)' : '(?!.*@untrusted)'}.*(?:${only})`));
  // The runner may split the files over several windows (TANDEM_TEST_FILES: this window's share).
  const share = process.env.TANDEM_TEST_FILES ? new Set(JSON.parse(process.env.TANDEM_TEST_FILES) as string[]) : undefined;
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js') && (!share || share.has(n))).sort()) mocha.addFile(join(__dirname, f));
  // Each file's suites end with the window put back as it started (isolation.ts).
  const hooked = new Set<Mocha.Suite>();
  mocha.suite.on('post-require', () => {
    for (const suite of mocha.suite.suites.filter((s) => !hooked.has(s))) {
      hooked.add(suite);
      suite.afterAll('reset the window', resetWindow);
    }
  });
  const outcome: Outcome = { passed: 0, failed: 0, tests: [] };
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        outcome.passed++;
        outcome.tests.push({ title: t.fullTitle(), state: 'passed' });
      });
      runner.on('fail', (t, err: Error) => {
        outcome.failed++;
        outcome.tests.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
      });
    });
  } catch (err) {
    outcome.failed++;
    outcome.tests.push({ title: 'loading the suite', state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  outcome.metrics = (globalThis as { __tandemTestMetrics?: Record<string, number> }).__tandemTestMetrics;
  if (resultPath) writeFileSync(resultPath, JSON.stringify(outcome, null, 2));
  if (outcome.failed > 0) throw new Error(`${outcome.failed} integration test(s) failed`);
}
