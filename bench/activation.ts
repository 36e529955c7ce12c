// Extension activation: the production bundles loaded in a fresh Node process under a stub `vscode`
// module (test/fixtures/vscodeStub.ts), from the start of require() until the inline completion
// provider is registered (goal < 50 ms), then the first use of the agent (the lazily required
// dist/extensionAgent.js). Compared with the same code bundled as one file, as before the split.
// Runs alternate so machine noise hits both rows alike; medians of 15 runs each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { ActivationProbe } from '../test/fixtures/activationProbe';

const RUNS = 15;
const repo = resolve(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Builds the split bundles into out/split and a one-file bundle into out/single, plus the probe. */
export async function buildForProbe(out: string): Promise<{ split: string; single: string; probe: string }> {
  const { extensionBuilds } = (await import(pathToFileURL(join(repo, 'esbuild.extension.mjs')).href)) as { extensionBuilds: (c: object, outdir: string, root: string) => esbuild.BuildOptions[] };
  const common = { minify: true, logLevel: 'silent' as const };
  const split = extensionBuilds(common, join(out, 'split'), repo);
  const single = { ...split[0], outdir: join(out, 'single'), plugins: [] };
  const probe: esbuild.BuildOptions = { entryPoints: [join(repo, 'test/fixtures/activationProbe.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(out, 'probe.js'), logLevel: 'silent' };
  await Promise.all([...split, single, probe].map((b) => esbuild.build(b)));
  return { split: join(out, 'split', 'extension.js'), single: join(out, 'single', 'extension.js'), probe: join(out, 'probe.js') };
}

export function probe(probeJs: string, bundle: string, useAgent = false): ActivationProbe {
  const r = spawnSync(process.execPath, [probeJs, bundle, ...(useAgent ? ['--use-agent'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`activation probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ActivationProbe;
}

export async function run(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bench-activation-'));
  try {
    const b = await buildForProbe(out);
    const rows: Array<[string, string]> = [
      ['split (extension.js + lazy extensionAgent.js)', b.split],
      ['one bundle (before the split)', b.single],
    ];
    const samples = new Map(rows.map(([name]) => [name, { provider: [] as number[], agent: [] as number[] }]));
    for (let i = 0; i < RUNS + 2; i++) {
      for (const [name, bundle] of rows) {
        const p = probe(b.probe, bundle, true);
        if (i < 2) continue; // two warm-up rounds (disk cache)
        samples.get(name)!.provider.push(p.providerMs);
        samples.get(name)!.agent.push(p.agentMs ?? NaN);
      }
    }
    const kb = (f: string) => `${(statSync(f).size / 1024).toFixed(0)} KB`;
    const base = median(samples.get(rows[1][0])!.provider);
    console.log(`| Activation, ${RUNS} runs (medians) | loaded at activation | activation → inline provider | vs one bundle | first agent use |`);
    console.log('|---|---|---|---|---|');
    for (const [name, bundle] of rows) {
      const s = samples.get(name)!;
      const m = median(s.provider);
      console.log(`| ${name} | ${kb(bundle)} | ${m.toFixed(1)} ms (goal < 50 ms) | ${(m / base).toFixed(2)}× | ${median(s.agent).toFixed(1)} ms |`);
    }
    console.log(`extensionAgent.js: ${kb(join(out, 'split', 'extensionAgent.js'))}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
