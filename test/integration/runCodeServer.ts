// Runs the integration suite inside a real VS Code 1.100.3 (code-server) on this machine, offline.
// Usage: npx tsx test/integration/runCodeServer.ts   (after `node esbuild.config.mjs` built dist/ and out/)
// Prints one line per test and `integration: N passed, N failed`; exits non-zero on any failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, repoRoot, waitForJsonFile } from './codeServer';

interface Outcome {
  passed: number;
  failed: number;
  tests: Array<{ title: string; state: string; error?: string }>;
}

async function main(): Promise<number> {
  const suite = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!existsSync(suite)) {
    console.error(`integration: ${suite} is missing; build first (node esbuild.config.mjs)`);
    return 1;
  }
  const resultDir = mkdtempSync(join(tmpdir(), 'tandem-result-'));
  const resultPath = join(resultDir, 'result.json');
  const session = await launch({
    extensionTestsPath: suite,
    env: { TANDEM_TEST_RESULT: resultPath, ...(process.env.TANDEM_TEST_GREP ? { TANDEM_TEST_GREP: process.env.TANDEM_TEST_GREP } : {}) },
    onLog: process.env.TANDEM_TEST_VERBOSE ? (l) => console.error(`[code-server] ${l}`) : undefined,
  });
  let outcome: Outcome | undefined;
  try {
    outcome = await waitForJsonFile<Outcome>(resultPath, Number(process.env.TANDEM_TEST_TIMEOUT_MS ?? 300_000));
  } catch (err) {
    console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
    console.error(session.log.slice(-80).join('\n'));
  } finally {
    await session.stop();
    rmSync(resultDir, { recursive: true, force: true });
  }
  if (!outcome) {
    console.log('integration: 0 passed, 1 failed');
    return 1;
  }
  for (const t of outcome.tests) {
    console.log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}`);
    if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  console.log(`integration: ${outcome.passed} passed, ${outcome.failed} failed`);
  return outcome.failed === 0 && outcome.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
