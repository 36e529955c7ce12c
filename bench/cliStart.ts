// CLI cold start: `tandem --version` and `tandem --help` from the production bundles against a bare
// `node -e 0` (goal: within 1.1×; the exec bundle is required, never import()ed). The bundles are
// built as esbuild.config.mjs builds them, into a
// temp folder; runs alternate so machine noise hits every row alike; medians of 20 runs each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const RUNS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const repo = resolve(__dirname, '..');
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    const { cliBuilds } = (await import(pathToFileURL(join(repo, 'esbuild.cli.mjs')).href)) as { cliBuilds: (c: object, outdir: string, root: string) => esbuild.BuildOptions[] };
    await Promise.all(cliBuilds({ minify: true, logLevel: 'silent' }, out, repo).map((b) => esbuild.build(b)));
    const cli = join(out, 'cli.js');
    const cases: Array<[string, string[]]> = [
      ['node -e 0', ['-e', '0']],
      ['tandem --version', [cli, '--version']],
      ['tandem --help', [cli, '--help']],
    ];
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < RUNS + 2; i++) {
      for (const [name, args] of cases) {
        const t0 = performance.now();
        spawnSync(process.execPath, args, { stdio: 'ignore' });
        if (i >= 2) times.get(name)!.push(performance.now() - t0); // two warm-up rounds
      }
    }
    const bare = median(times.get('node -e 0')!);
    console.log(`| CLI cold start, ${RUNS} runs | median | vs node -e 0 |`);
    console.log('|---|---|---|');
    for (const [name] of cases) {
      const m = median(times.get(name)!);
      console.log(`| ${name} | ${m.toFixed(1)} ms | ${(m / bare).toFixed(2)}×${name === 'node -e 0' ? '' : ' (goal ≤ 1.1×)'} |`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
