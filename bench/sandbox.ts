// Sandbox benchmark: the start overhead per command — p50 of `true` run through runShell inside the
// bubblewrap sandbox minus p50 without it (goal: under 30 ms), with p90 for reference.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalRoot } from '../src/core/policy/workspaceJail';
import { probeBubblewrap } from '../src/core/sandbox/probe';
import { Sandbox } from '../src/core/sandbox/sandbox';
import { runShell } from '../src/core/tools/shell';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

export async function run(runs = 60): Promise<void> {
  const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'bench-sandbox-')));
  try {
    const probe = await probeBubblewrap();
    if (!probe.available) {
      console.log(`| sandbox start overhead | - | ${probe.reason} |`);
      return;
    }
    const sandbox = new Sandbox({ mode: 'workspace-write', network: false });
    const time = async (box: Sandbox | undefined) => {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await runShell('true', { cwd: root, timeoutMs: 10_000, sandbox: box, workspaceRoot: root }, new AbortController().signal);
        xs.push(performance.now() - t0);
        if (r.exitCode !== 0) throw new Error(`true failed: ${r.stderr}`);
      }
      return xs;
    };
    await time(sandbox); // warm-up: page cache, the probe, tsx
    // Interleaved batches, so load from other processes hits both sides alike.
    const plain: number[] = [];
    const boxed: number[] = [];
    for (let b = 0; b < 3; b++) {
      plain.push(...(await time(undefined)));
      boxed.push(...(await time(sandbox)));
    }
    const p50 = percentile(boxed, 0.5) - percentile(plain, 0.5);
    console.log(`| sandbox, \`true\` × ${boxed.length} | p50 | p90 |`);
    console.log('|---|---|---|');
    console.log(`| without sandbox | ${percentile(plain, 0.5).toFixed(1)} ms | ${percentile(plain, 0.9).toFixed(1)} ms |`);
    console.log(`| in the sandbox (workspace-write, no network) | ${percentile(boxed, 0.5).toFixed(1)} ms | ${percentile(boxed, 0.9).toFixed(1)} ms |`);
    console.log(`| start overhead per command | ${p50.toFixed(1)} ms | (goal < 30 ms p50) |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
