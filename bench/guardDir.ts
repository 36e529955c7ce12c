// `tandem guard DIR` on a folder of 200 files of 2,000 lines (TypeScript, Python and Java in turn,
// each with a file of the annotated corpus appended so files wake different rules): wall time, CPU
// time, peak memory (max RSS) and findings, from the production CLI bundles built into a temp
// folder. Medians of 3 runs. To compare with another checkout (say, before a change), point
// GUARD_DIR_REPO at it: its bundles are built from its own sources with this repo's node_modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { fileOf } from './guard';

const FILES = 200;
const RUNS = 3;
const NAMES = ['bench.ts', 'bench.py', 'Bench.java'];

function corpusFiles(repo: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ts: [], py: [], java: [] };
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(?:ts|js)$/.test(f)) out.ts.push(p);
      else if (f.endsWith('.py')) out.py.push(p);
      else if (f.endsWith('.java')) out.java.push(p);
    }
  };
  walk(join(repo, 'test/fixtures/guard-corpus'));
  return out;
}

export function makeFolder(repo: string, dir: string): void {
  const corpus = corpusFiles(repo);
  for (let i = 0; i < FILES; i++) {
    const k = i % 3;
    // Numbers differ all through each file, so no file is an edit of another (no incremental parse).
    const base = fileOf(NAMES[k], 2000, i * 1000);
    const ext = ['ts', 'py', 'java'][k];
    const extra = corpus[ext][Math.floor(i / 3) % corpus[ext].length];
    const mark = ext === 'py' ? `# file ${i}` : `// file ${i}`;
    writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.${ext}`), `${mark}\n${base}\n${readFileSync(extra, 'utf8')}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const here = resolve(__dirname, '..');
  const repo = resolve(process.env.GUARD_DIR_REPO ?? here);
  const out = mkdtempSync(join(tmpdir(), 'bench-guard-dir-'));
  try {
    const { cliBuilds } = (await import(pathToFileURL(join(repo, 'esbuild.cli.mjs')).href)) as { cliBuilds: (c: object, outdir: string, root: string) => esbuild.BuildOptions[] };
    const bundles = join(out, 'dist');
    await Promise.all(cliBuilds({ minify: true, logLevel: 'silent', nodePaths: [join(here, 'node_modules')] }, bundles, repo).map((b) => esbuild.build(b)));
    mkdirSync(join(bundles, 'wasm'));
    for (const name of ['tree-sitter', 'tree-sitter-javascript', 'tree-sitter-typescript', 'tree-sitter-tsx', 'tree-sitter-python', 'tree-sitter-java']) {
      copyFileSync(join(here, 'node_modules/@vscode/tree-sitter-wasm/wasm', `${name}.wasm`), join(bundles, 'wasm', `${name}.wasm`));
    }
    const folder = join(out, 'src');
    mkdirSync(folder);
    makeFolder(here, folder);
    // Reports the CLI process's own CPU time and peak memory as it exits.
    const probe = join(out, 'probe.js');
    writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nPROBE ' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, maxRss: u.maxRSS / 1024 }) + '\\n'); });\n");
    const rows: Array<{ wall: number; cpu: number; maxRss: number; findings: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['-r', probe, join(bundles, 'cli.js'), 'guard', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const wall = performance.now() - t0;
      const probeLine = /PROBE (.*)/.exec(r.stderr)?.[1];
      if (!probeLine || r.status === 2) throw new Error(`tandem guard failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      const { cpu, maxRss } = JSON.parse(probeLine) as { cpu: number; maxRss: number };
      const findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
      rows.push({ wall, cpu, maxRss, findings });
    }
    console.log(`| tandem guard DIR (${FILES} files x 2,000+ lines), median of ${RUNS} | wall | CPU | peak RSS | findings |`);
    console.log('|---|---|---|---|---|');
    console.log(`| ${repo === here ? 'this checkout' : repo} | ${(median(rows.map((r) => r.wall)) / 1000).toFixed(2)} s | ${(median(rows.map((r) => r.cpu)) / 1000).toFixed(2)} s | ${median(rows.map((r) => r.maxRss)).toFixed(0)} MB | ${rows[0].findings} |`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
