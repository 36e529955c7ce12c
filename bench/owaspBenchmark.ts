// `tandem guard --format sarif` over the OWASP Benchmark for Java v1.2 (2,740 test servlets and their
// helpers; test data outside the repository, see scripts/owasp-benchmark.ts): wall time, CPU time and
// peak memory (max RSS) of the production CLI bundle, median of 3 runs, and the score. The goal is the
// whole Benchmark in under 30 s and 500 MB on a 2-core machine. The corpus is found like the scorer
// finds it (OWASP_BENCHMARK=DIR, else extracted from ../shared/corpora); without it the bench says so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusDir, flaggedBySarif, isBlind, readTruth, score } from '../scripts/owasp-benchmark';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const repo = resolve(__dirname, '..');
  let corpus: string;
  try {
    corpus = corpusDir(process.env.OWASP_BENCHMARK ? ['--corpus', process.env.OWASP_BENCHMARK] : []);
  } catch (e) {
    console.log(`owasp: skipped — ${(e as Error).message}`);
    return;
  }
  const cli = join(repo, 'dist', 'cli.js');
  if (!existsSync(cli)) execFileSync(process.execPath, [join(repo, 'esbuild.config.mjs')], { cwd: repo, stdio: 'ignore' });
  const out = mkdtempSync(join(tmpdir(), 'bench-owasp-'));
  try {
    const probe = join(out, 'probe.js');
    writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nPROBE ' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, maxRss: u.maxRSS / 1024 }) + '\\n'); });\n");
    const sarif = join(out, 'tandem.sarif');
    const rows: Array<{ wall: number; cpu: number; maxRss: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['-r', probe, cli, 'guard', '--format', 'sarif', '--fail-on', 'none', '--output', sarif, 'src/main/java'], { cwd: corpus, encoding: 'utf8' });
      const wall = performance.now() - t0;
      const line = /PROBE (.*)/.exec(r.stderr)?.[1];
      if (!line || r.status !== 0) throw new Error(`tandem guard failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      rows.push({ wall, ...(JSON.parse(line) as { cpu: number; maxRss: number }) });
    }
    const truth = readTruth(readFileSync(join(corpus, 'expectedresults-1.2.csv'), 'utf8'));
    const flagged = flaggedBySarif(JSON.parse(readFileSync(sarif, 'utf8')), truth);
    const whole = score(truth, flagged).score;
    const blind = score(truth.filter((t) => isBlind(t.test)), flagged).score;
    console.log(`| OWASP Benchmark v1.2 (${truth.length} tests), tandem guard --format sarif, median of ${RUNS} | wall | CPU | peak RSS | score (blind) |`);
    console.log('|---|---|---|---|---|');
    console.log(`| this checkout | ${(median(rows.map((r) => r.wall)) / 1000).toFixed(1)} s | ${(median(rows.map((r) => r.cpu)) / 1000).toFixed(1)} s | ${median(rows.map((r) => r.maxRss)).toFixed(0)} MB | ${whole.toFixed(1)} (${blind.toFixed(1)}) |`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
