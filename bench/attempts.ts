// Best-of-k benchmark: the set-up of one attempt on a 20,000-file workspace (a git repository with
// an uncommitted edit and a 5,000-file ignored node_modules) — listing the files, copying them and
// taking the snapshot — next to the alternatives it was chosen over: `cp -a` of the whole folder and
// `git worktree add` (which also writes the user's .git and lacks the uncommitted edit). Then the
// diff of an attempt after one edit. Ratios are what to watch; absolute times vary with the machine.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listWorkspace, WorkspaceCopy } from '../src/core/attempts/workspaceCopy';
import { canonicalRoot } from '../src/core/policy/workspaceJail';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd, stdio: 'ignore' });

export async function run(): Promise<void> {
  const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'bench-attempts-ws-')));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-attempts-'));
  try {
    for (let d = 0; d < 200; d++) {
      const dir = join(root, `pkg${d}`, 'src');
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(dir, `file${f}.ts`), `// module ${d}/${f}\nexport const v${f} = ${f};\n`);
    }
    for (let d = 0; d < 50; d++) {
      mkdirSync(join(root, 'node_modules', `dep${d}`), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(root, 'node_modules', `dep${d}`, `f${f}.js`), 'module.exports = 1;\n');
    }
    writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    writeFileSync(join(root, 'pkg1', 'src', 'file1.ts'), 'export const v1 = "uncommitted";\n');

    // Interleaved rounds: on a shared machine the disk's speed swings between minutes, so each round
    // measures every way once, back to back, and the medians are compared.
    const setups: number[] = [];
    const lists: number[] = [];
    const diffs: number[] = [];
    const cps: number[] = [];
    const worktrees: number[] = [];
    for (let i = 0; i < 5; i++) {
      const folder = mkdtempSync(join(scratch, 'a-'));
      let t0 = performance.now();
      const listing = await listWorkspace(root, folder);
      lists.push(performance.now() - t0);
      const copy = await WorkspaceCopy.create(root, listing, folder);
      setups.push(performance.now() - t0);
      writeFileSync(join(copy.root, 'pkg7', 'src', 'file3.ts'), 'export const v3 = 42;\n');
      t0 = performance.now();
      await copy.changes();
      diffs.push(performance.now() - t0);
      cps.push(timed(() => spawnSync('cp', ['-a', root, join(scratch, `cp${i}`)])));
      worktrees.push(timed(() => git(root, 'worktree', 'add', '-q', '--detach', join(scratch, `wt${i}`))));
      git(root, 'worktree', 'remove', '--force', join(scratch, `wt${i}`));
      for (const d of [folder, join(scratch, `cp${i}`)]) rmSync(d, { recursive: true, force: true });
    }
    const cp = median(cps);
    const worktree = median(worktrees);
    const setup = median(setups);
    console.log('| best of k, 20,000 files (+5,000 ignored in node_modules) | time | ratio to our set-up |');
    console.log('|---|---|---|');
    console.log(`| attempt set-up: list + copy + snapshot, p50 of 5 | ${setup.toFixed(0)} ms | 1.00 |`);
    console.log(`| of which listing (git ls-files, .gitignore honoured) | ${median(lists).toFixed(0)} ms | ${(median(lists) / setup).toFixed(2)} |`);
    console.log(`| cp -a of the whole folder (node_modules included) | ${cp.toFixed(0)} ms | ${(cp / setup).toFixed(2)} |`);
    console.log(`| git worktree add (no uncommitted edit, writes the user's .git) | ${worktree.toFixed(0)} ms | ${(worktree / setup).toFixed(2)} |`);
    console.log(`| diff of an attempt after one edit, p50 of 5 | ${median(diffs).toFixed(0)} ms | ${(median(diffs) / setup).toFixed(2)} |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
