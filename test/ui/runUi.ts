// Runs the Playwright UI specs (test/ui/*.spec.ts) in plain Node against code-server in Chromium.
// Prints `ui: N passed, N failed`; exits non-zero on any failure.
// Every spec launches its own code-server and browser (own port, profile and workspace copy), so the
// specs are split into TANDEM_UI_SHARDS groups (default 2) that run side by side, each in a child
// process; a shard's output is printed whole when it ends, so the logs do not interleave.
// Env: TANDEM_TEST_GREP (mocha grep; runs unsharded), TANDEM_UI_SHARDS (1 runs everything in this process).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { shardBySize } from '../fixtures/shards';

const SPEC_FILES = readdirSync(__dirname)
  .filter((n) => n.endsWith('.spec.ts'))
  .sort()
  .map((n) => join(__dirname, n));

function runHere(files: string[]): void {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, forbidOnly: true, forbidPending: true, reporter: 'spec' });
  const grep = process.env.TANDEM_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  const runner = mocha.run((failures) => {
    const passes = runner.stats?.passes ?? 0;
    console.log(`ui: ${passes} passed, ${failures} failed`);
    process.exit(failures > 0 || passes === 0 ? 1 : 0);
  });
}

interface ShardResult {
  output: string;
  passed: number;
  failed: number;
}

function runShard(files: string[], label: string): Promise<ShardResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename], {
      env: { ...process.env, TANDEM_UI_FILES: JSON.stringify(files) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      const m = /ui: (\d+) passed, (\d+) failed/.exec(output);
      const passed = m ? Number(m[1]) : 0;
      // A shard that died before its summary counts as one failure, with its output shown.
      const failed = m ? Number(m[2]) : 1;
      // The shard's own summary lines are renamed: the closing line below is the one that counts.
      const body = output.replace(/^ui: /m, `ui ${label}: `).replace(/^( *)(\d+ passing)/m, `$1${label}: $2`);
      resolve({ output: body + (m ? '' : `\nui ${label}: exited with ${code} before its summary\n`), passed, failed: code !== 0 && failed === 0 ? 1 : failed });
    });
  });
}

async function runSharded(shards: string[][]): Promise<void> {
  console.log(`ui: ${shards.length} shards side by side: ${shards.map((s) => s.map((f) => f.split('/').pop()).join(' ')).join(' | ')}`);
  const results = await Promise.all(shards.map((files, i) => runShard(files, `shard ${i + 1}/${shards.length}`)));
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    process.stdout.write(r.output);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`ui: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

if (require.main === module) {
  const only = process.env.TANDEM_UI_FILES;
  // A grep picks a few specs: they run here, unsharded.
  const wanted = process.env.TANDEM_TEST_GREP ? 1 : Number(process.env.TANDEM_UI_SHARDS ?? 2);
  if (only) runHere(JSON.parse(only) as string[]);
  else if (Number.isInteger(wanted) && wanted > 1 && SPEC_FILES.length > 1) {
    void runSharded(shardBySize(SPEC_FILES, wanted));
  } else runHere(SPEC_FILES);
}
