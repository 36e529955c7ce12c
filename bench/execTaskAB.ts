// A/B of `tandem exec` on execTask's scripted 3-request task: the CLI bundles of another checkout
// (BASE, e.g. a worktree of main with node_modules linked) and of this one, runs interleaved (the
// order swapped each round) so machine load hits both alike; medians of the whole task, the first
// request and CPU seconds, and their ratios (this ÷ base). Tandem's defaults are on in both.
// Usage: BASE=/path/to/other/checkout TANDEM_BENCH_RUNS=9 npx tsx bench/execTaskAB.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ModelServer } from '../test/fixtures/modelServer';
import { buildCli, enqueueTandem, workspace } from './execTask';
import { timed, type Sample } from './timing';

const RUNS = Number(process.env.TANDEM_BENCH_RUNS) || 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const base = process.env.BASE;
  if (!base) throw new Error('Set BASE to the checkout to compare with (its node_modules installed or linked).');
  const repo = resolve(__dirname, '..');
  mkdirSync(join(repo, 'out'), { recursive: true });
  const out = mkdtempSync(join(repo, 'out', 'bench-exec-ab-'));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-exec-ab-ws-'));
  const server = await ModelServer.start();
  try {
    const clis: Record<'base' | 'this', string> = { this: await buildCli(join(out, 'this')), base: await buildCli(join(out, 'base'), resolve(base)) };
    // A cache folder each: the code cache holds one file per command, so a shared one would be rebuilt at every run.
    const env = (name: 'base' | 'this'): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: join(scratch, 'state'), XDG_CACHE_HOME: join(scratch, `cache-${name}`), OPENAI_API_KEY: 'sk-bench' });
    const rows: Record<'base' | 'this', Sample[]> = { base: [], this: [] };
    for (let i = 0; i < RUNS + 1; i++) {
      for (const name of i % 2 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
        enqueueTandem(server);
        const r = await timed(server, process.execPath, [clis[name], 'exec', '--base-url', server.url, '--model', 'bench-model', '--cwd', workspace(scratch, i * 10 + (name === 'base' ? 1 : 2)), '--approval', 'full-auto', 'Make greet in src/app.ts use a template literal.'], env(name));
        if (r.code !== 0) throw new Error(`tandem exec (${name}) failed (${r.code}): ${r.stderr}`);
        if (i > 0) rows[name].push(r); // one warm-up round
      }
    }
    const m = (name: 'base' | 'this', f: (s: Sample) => number) => median(rows[name].map(f));
    const fields: Array<[string, (s: Sample) => number, (v: number) => string]> = [
      ['whole task', (s) => s.wallMs, (v) => `${v.toFixed(0)} ms`],
      ['first request', (s) => s.firstRequestMs ?? NaN, (v) => `${v.toFixed(0)} ms`],
      ['CPU', (s) => s.cpuS, (v) => `${v.toFixed(2)} s`],
    ];
    console.log(`| tandem exec, ${RUNS} interleaved rounds (medians) | ${fields.map(([n]) => n).join(' | ')} |`);
    console.log(`|---|${fields.map(() => '---').join('|')}|`);
    for (const name of ['base', 'this'] as const) console.log(`| ${name === 'base' ? `base (${base})` : 'this checkout'} | ${fields.map(([, f, show]) => show(m(name, f))).join(' | ')} |`);
    console.log(`| this ÷ base | ${fields.map(([, f]) => `${(m('this', f) / m('base', f)).toFixed(2)}×`).join(' | ')} |`);
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
