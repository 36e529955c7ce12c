// Runs the same integration suite through @vscode/test-electron, for machines that can download a
// VS Code build (a laptop, public CI). Offline machines use runCodeServer.ts instead.
// Usage: node esbuild.config.mjs && npx tsx test/integration/runElectron.ts
import { mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, sampleWorkspace } from './codeServer';

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
      extensionTestsEnv: { TANDEM_TEST_RESULT: resultPath },
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
  }
  let outcome: { passed: number; failed: number } = { passed: 0, failed: 1 };
  try {
    outcome = JSON.parse(readFileSync(resultPath, 'utf8'));
  } catch {
    console.error('integration: the extension host wrote no result');
  }
  rmSync(temp, { recursive: true, force: true });
  console.log(`integration: ${outcome.passed} passed, ${outcome.failed} failed`);
  return outcome.failed === 0 && outcome.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
