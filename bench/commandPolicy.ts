// Command policy benchmark: the first classification (loads the tree-sitter-bash grammar), the
// median of ordinary commands afterwards, and recursive searches (`grep -r`, `rg`) that look for
// secret files below the folder, on a generated tree of 200 folders × 100 files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { classifyCommand } from '../src/core/policy/commandPolicy';
import { canonicalRoot } from '../src/core/policy/workspaceJail';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'bench-policy-')));
  try {
    for (let d = 0; d < 200; d++) {
      mkdirSync(join(root, `pkg${d}`, 'src'), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(root, `pkg${d}`, 'src', `file${f}.ts`), '');
    }
    const opts = { allowed: ['npm test'], workspaceRoot: root, cwd: root };
    const t0 = performance.now();
    await classifyCommand('ls', opts);
    const first = performance.now() - t0;
    const time = async (cmd: string, n = 21) => {
      const xs: number[] = [];
      let decision = '';
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        decision = (await classifyCommand(cmd, opts)).decision;
        xs.push(performance.now() - t);
      }
      return [cmd, decision, median(xs).toFixed(2)];
    };
    const rows = [
      ['first call (grammar load)', 'allow', first.toFixed(1)],
      await time('npm test && npm run lint'),
      await time('git log --oneline -20 | head'),
      await time("bash -c 'cd / && rm -rf .'"),
      await time('cat pkg1/src/file1.ts pkg2/src/*.ts'),
      await time('grep -r needle pkg1'),
      await time('grep -r needle .', 5),
      await time('rg needle', 5),
    ];
    console.log('\nCommand policy (20,000 files)\n');
    console.log('| command | verdict | ms (median) |\n|---|---|---|');
    for (const r of rows) console.log(`| \`${r[0]}\` | ${r[1]} | ${r[2]} |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
