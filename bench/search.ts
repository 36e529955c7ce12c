// Search benchmark: the `search` tool on a generated tree of 20,000 files against ripgrep run
// directly with the same query (goal: within 1.5×), and the JavaScript fallback for reference.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileApplier } from '../src/core/edits/fileApplier';
import { canonicalRoot } from '../src/core/policy/workspaceJail';
import { createSearchTool, findRipgrep } from '../src/core/tools/search';
import type { ToolContext } from '../src/core/tools/types';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'bench-search-')));
  try {
    for (let d = 0; d < 200; d++) {
      const dir = join(root, `pkg${d}`, 'src');
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) {
        const special = (d * 100 + f) % 997 === 0 ? '\nexport const needleMarker = true;\n' : '';
        writeFileSync(join(dir, `file${f}.ts`), `// module ${d}/${f}\nexport function handler${f}(x: number) {\n  return x * ${f};\n}\n${special}`);
      }
    }
    const ctx: ToolContext = { workspaceRoot: root, approver: { request: async () => ({ approved: true }) }, applier: new FileApplier(root), approvalMode: 'full-auto', allowedCommands: [], toolCallId: 'b' };
    const time = async (f: () => unknown, n = 5) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await f();
        xs.push(performance.now() - t0);
      }
      return median(xs);
    };
    const rg = findRipgrep();
    const rows: string[][] = [];
    if (rg) {
      const direct = await time(() => spawnSync(rg, ['--json', '--no-require-git', '--fixed-strings', 'needleMarker', '.'], { cwd: root }));
      const tool = await time(() => createSearchTool().invoke({ query: 'needleMarker' }, ctx, new AbortController().signal));
      rows.push(['rg run directly', `${direct.toFixed(1)} ms`, '1.00×']);
      rows.push(['search tool (ripgrep engine)', `${tool.toFixed(1)} ms`, `${(tool / direct).toFixed(2)}× (goal ≤ 1.5×)`]);
      const walk = await time(() => createSearchTool({ ripgrep: () => null }).invoke({ query: 'needleMarker' }, ctx, new AbortController().signal), 3);
      rows.push(['search tool (JavaScript fallback)', `${walk.toFixed(1)} ms`, `${(walk / direct).toFixed(2)}×`]);
    } else {
      rows.push(['ripgrep is not installed', '-', '-']);
    }
    console.log('| search, 20,000 files | median | vs rg |');
    console.log('|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
