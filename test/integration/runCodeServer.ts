// Runs the integration suite inside a real VS Code 1.100.3 (code-server) on this machine, offline.
// Usage: npx tsx test/integration/runCodeServer.ts   (after `node esbuild.config.mjs` built dist/ and out/)
// Prints one line per test and `integration: N passed, N failed`; exits non-zero on any failure.
// Env: TANDEM_TEST_SETTINGS (JSON object of extra user settings), TANDEM_TEST_GREP (mocha grep),
// TANDEM_TEST_TIMEOUT_MS (per window, default 300000), TANDEM_TEST_VERBOSE (stream code-server's log),
// TANDEM_TEST_INSTALLED=PATH.vsix (install that package into code-server and run the activation and
// ghost-text tests against it instead of the sources: a file missing from the package fails here),
// TANDEM_INT_SHARDS (windows the trusted tests are split over, side by side; default 2, 1 without a
// grep-free run). Each window is its own code-server with its own profile and workspace copy.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { shardBySize } from '../fixtures/shards';
import { launch, repoRoot, waitForJsonFile } from './codeServer';

interface Outcome {
  passed: number;
  failed: number;
  tests: Array<{ title: string; state: string; error?: string }>;
  metrics?: Record<string, number>;
}

interface Pass {
  name: string;
  /** Workspace Trust on: the sample folder opens untrusted. */
  untrusted: boolean;
  /** The suite files (bundled names, e.g. chat.test.js) this window runs; all when absent. */
  files?: string[];
}

const installed = process.env.TANDEM_TEST_INSTALLED;

// Tests tagged @untrusted need a window whose workspace is not trusted: a second VS Code.
const grep = process.env.TANDEM_TEST_GREP ?? (installed ? '^(activation|ghost-text completion) ' : undefined);

/** The suite files (bundled names) in `n` groups of about the same source size. */
function shardFiles(n: number): string[][] {
  const dir = join(repoRoot, 'test', 'integration', 'suite');
  const sources = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
  return shardBySize(sources, n).map((g) => g.map((f) => basename(f).replace(/\.ts$/, '.js')));
}

function passes(): Pass[] {
  if (installed) return [{ name: 'installed', untrusted: false }];
  // A grep picks a few tests: one trusted window is quicker than several starting up.
  const wanted = process.env.TANDEM_TEST_GREP ? 1 : Number(process.env.TANDEM_INT_SHARDS ?? 2);
  const trusted: Pass[] =
    Number.isInteger(wanted) && wanted > 1 ? shardFiles(wanted).map((files) => ({ name: 'trusted', untrusted: false, files })) : [{ name: 'trusted', untrusted: false }];
  return [...trusted, { name: 'untrusted', untrusted: true }];
}

function extraSettings(): Record<string, unknown> {
  const raw = process.env.TANDEM_TEST_SETTINGS;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('TANDEM_TEST_SETTINGS must be a JSON object of settings');
  return parsed as Record<string, unknown>;
}

async function runPass(suite: string, pass: Pass): Promise<Outcome | undefined> {
  const resultDir = mkdtempSync(join(tmpdir(), 'tandem-result-'));
  const resultPath = join(resultDir, 'result.json');
  const session = await launch({
    extensionTestsPath: suite,
    workspaceTrust: pass.untrusted,
    userSettings: extraSettings(),
    // A workspace asking for more power than it should get when untrusted (restrictedConfigurations).
    workspaceSettings: pass.untrusted ? { 'tandem.agent.approval': 'full-auto', 'tandem.agent.allowedCommands': ['rm'] } : undefined,
    env: {
      TANDEM_TEST_RESULT: resultPath,
      TANDEM_TEST_TAG: pass.untrusted ? 'untrusted' : 'trusted',
      ...(pass.files ? { TANDEM_TEST_FILES: JSON.stringify(pass.files) } : {}),
      ...(grep ? { TANDEM_TEST_GREP: grep } : {}),
      ...(installed ? { TANDEM_TEST_INSTALLED: installed } : {}),
    },
    installVsix: installed,
    onLog: process.env.TANDEM_TEST_VERBOSE ? (l) => console.error(`[code-server] ${l}`) : undefined,
  });
  try {
    const outcome = await waitForJsonFile<Outcome>(resultPath, Number(process.env.TANDEM_TEST_TIMEOUT_MS ?? 300_000));
    if (outcome.failed > 0) {
      console.error(`integration (${pass.name}): last lines of code-server and the extension host:`);
      console.error(session.log.slice(-80).join('\n'));
    }
    return outcome;
  } catch (err) {
    console.error(`integration (${pass.name}): ${err instanceof Error ? err.message : String(err)}`);
    console.error(session.log.slice(-80).join('\n'));
    return undefined;
  } finally {
    await session.stop();
    rmSync(resultDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const suite = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!existsSync(suite)) {
    console.error(`integration: ${suite} is missing; build first (node esbuild.config.mjs)`);
    return 1;
  }
  let passed = 0;
  let failed = 0;
  // The windows run side by side; their results are printed in order once all have ended.
  const all = passes();
  const outcomes = await Promise.all(all.map((pass) => runPass(suite, pass)));
  for (const [i, pass] of all.entries()) {
    const outcome = outcomes[i];
    if (!outcome) {
      failed++;
      continue;
    }
    for (const t of outcome.tests) {
      console.log(`  ${t.state === 'passed' ? '✔' : '✘'} [${pass.name}] ${t.title}`);
      if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
    }
    for (const [name, value] of Object.entries(outcome.metrics ?? {})) console.log(`  [${pass.name}] ${name}: ${Number(value.toFixed(1))}`);
    passed += outcome.passed;
    failed += outcome.failed;
  }
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
