// Runs the same integration suite through @vscode/test-electron, for machines that can download a
// VS Code build (a laptop, public CI). Offline machines use runCodeServer.ts instead.
// Usage: node esbuild.config.mjs && npx tsx test/integration/runElectron.ts
import { mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, sampleWorkspace } from './codeServer';

interface Outcome {
  passed: number;
  failed: number;
  tests: Array<{ title: string; state: string; error?: string }>;
}

async function main(): Promise<number> {
  const temp = mkdtempSync(join(tmpdir(), 'tandem-electron-'));
  const workspace = join(temp, 'workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });
  const resultPath = join(temp, 'result.json');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(temp, 'user-data')],
      // The @untrusted tests need a second, untrusted window; this runner opens only the trusted one.
      extensionTestsEnv: { TANDEM_TEST_RESULT: resultPath, XDG_CONFIG_HOME: join(temp, 'xdg-config'), TANDEM_TEST_TAG: 'trusted', ...(process.env.TANDEM_TEST_GREP ? { TANDEM_TEST_GREP: process.env.TANDEM_TEST_GREP } : {}) },
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
  }
  let outcome: Outcome = { passed: 0, failed: 1, tests: [] };
  try {
    outcome = JSON.parse(readFileSync(resultPath, 'utf8')) as Outcome;
  } catch {
    console.error('integration: the extension host wrote no result');
  }
  for (const t of outcome.tests) {
    console.log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}`);
    if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  rmSync(temp, { recursive: true, force: true });
  console.log(`integration: ${outcome.passed} passed, ${outcome.failed} failed`);
  return outcome.failed === 0 && outcome.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
