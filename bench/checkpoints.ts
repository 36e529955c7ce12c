// Checkpoint benchmark: a snapshot of a 20,000-file workspace after one edit (goal: under 300 ms
// p50), next to the first snapshot (every file hashed) and a restore of one file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CheckpointStore } from '../src/core/checkpoints/store';
import { canonicalRoot } from '../src/core/policy/workspaceJail';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'bench-cp-ws-')));
  const storage = mkdtempSync(join(tmpdir(), 'bench-cp-store-'));
  try {
    for (let d = 0; d < 200; d++) {
      const dir = join(root, `pkg${d}`, 'src');
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(dir, `file${f}.ts`), `// module ${d}/${f}\nexport const v${f} = ${f};\n`);
    }
    const store = new CheckpointStore(storage, root);
    let t0 = performance.now();
    const first = await store.take({ reason: 'task start' });
    const firstMs = performance.now() - t0;
    const afterEdit: number[] = [];
    for (let i = 0; i < 9; i++) {
      writeFileSync(join(root, 'pkg7', 'src', 'file3.ts'), `export const v3 = ${i};\n`);
      t0 = performance.now();
      await store.take({ reason: 'edit', step: i + 1 });
      afterEdit.push(performance.now() - t0);
    }
    t0 = performance.now();
    await store.restore(first.id);
    const restoreMs = performance.now() - t0;
    const p50 = median(afterEdit);
    console.log('| checkpoints, 20,000 files | time | goal |');
    console.log('|---|---|---|');
    console.log(`| first snapshot (every file hashed) | ${firstMs.toFixed(0)} ms | - |`);
    console.log(`| snapshot after one edit, p50 of 9 | ${p50.toFixed(0)} ms | < 300 ms |`);
    console.log(`| restore of one changed file (snapshot first) | ${restoreMs.toFixed(0)} ms | - |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
}
