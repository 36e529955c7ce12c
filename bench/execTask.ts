// One scripted 3-request task through `tandem exec` (read a file, edit it, answer) against the
// scripted model server, with Tandem's defaults (sandbox, checkpoints, guard and ledger on), beside
// `node -e 0` and, when it is installed beside the project, OpenAI's Codex CLI on the same task
// (bench/codexPeer.ts). Per run: the whole task (spawn to exit), the first request (spawn to its
// arrival at the server), CPU seconds (the child's user+system time, git included), and the git
// processes Tandem starts (counted in a separate run through a logging stand-in for git, so the
// count costs the timed runs nothing). Runs interleave so machine noise hits every row alike; medians.
// Usage: npm run bench execTask   (TANDEM_BENCH_RUNS=N to change the 7 rounds)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ModelServer } from '../test/fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../test/fixtures/replies';
import { codexPeer, type Peer } from './codexPeer';
import { timed, type Sample } from './timing';

const RUNS = Number(process.env.TANDEM_BENCH_RUNS) || 7;
const repo = resolve(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A small TypeScript project for the task. */
export function workspace(parent: string, n: number): string {
  const root = join(parent, `ws-${n}`);
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'demo', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2));
  writeFileSync(join(root, 'README.md'), '# demo\n\nA small project.\n');
  for (let i = 0; i < 20; i++) writeFileSync(join(root, 'src', `mod${i}.ts`), `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`);
  writeFileSync(join(root, 'src', 'app.ts'), "import { f1 } from './mod1';\n\nexport function greet(name: string): string {\n  return 'Hello ' + name + f1(1);\n}\n");
  return root;
}

/** The three replies of the task for Tandem (Chat Completions). */
export function enqueueTandem(server: ModelServer): void {
  server.enqueue(
    '/v1/chat/completions',
    chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'src/app.ts' } }]),
    chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'src/app.ts', old_string: "'Hello ' + name", new_string: '`Hello ${name}`' } }]),
    chatStream('Changed greet to use a template literal.'),
  );
}

export async function buildCli(out: string, root = repo): Promise<string> {
  const { cliBuilds } = (await import(pathToFileURL(join(root, 'esbuild.cli.mjs')).href)) as { cliBuilds: (c: object, outdir: string, root: string) => esbuild.BuildOptions[] };
  await Promise.all(cliBuilds({ minify: true, logLevel: 'silent' }, out, root).map((b) => esbuild.build(b)));
  return join(out, 'cli.js');
}

export async function run(): Promise<void> {
  // Inside the repository so the bundle finds node_modules (tree-sitter's WASM) as dist/ would find dist/wasm.
  mkdirSync(join(repo, 'out'), { recursive: true });
  const out = mkdtempSync(join(repo, 'out', 'bench-exec-'));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-exec-ws-'));
  const server = await ModelServer.start();
  try {
    const cli = await buildCli(out);
    const state = join(scratch, 'state');
    const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: state, XDG_CACHE_HOME: join(scratch, 'cache'), OPENAI_API_KEY: 'sk-bench' };
    const tandemArgs = (root: string) => [cli, 'exec', '--base-url', server.url, '--model', 'bench-model', '--cwd', root, '--approval', 'full-auto', 'Make greet in src/app.ts use a template literal.'];
    const peer: Peer | undefined = await codexPeer(server, scratch);
    const rows: Array<{ name: string; once: (i: number) => Promise<Sample> }> = [
      { name: 'node -e 0', once: () => timed(undefined, process.execPath, ['-e', '0'], baseEnv) },
      {
        name: 'tandem exec (defaults: sandbox, checkpoints, guard, ledger)',
        once: async (i) => {
          enqueueTandem(server);
          const r = await timed(server, process.execPath, tandemArgs(workspace(scratch, i * 10 + 1)), baseEnv);
          if (r.code !== 0) throw new Error(`tandem exec failed (${r.code}): ${r.stderr}`);
          return r;
        },
      },
      ...(peer ? peer.rows : []),
    ];
    const samples = new Map(rows.map((r) => [r.name, [] as Sample[]]));
    for (let i = 0; i < RUNS + 1; i++) {
      for (const row of rows) {
        const s = await row.once(i);
        if (i > 0) samples.get(row.name)!.push(s); // one warm-up round (disk cache)
      }
    }
    // git processes of one task, through a logging stand-in for git first on PATH.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    const log = join(scratch, 'git.log');
    const realGit = (process.env.PATH ?? '').split(':').map((d) => join(d, 'git')).find((f) => { try { return readFileSync(f).length > 0; } catch { return false; } }) ?? 'git';
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    enqueueTandem(server);
    const before = server.requestsTo('/v1/chat/completions').length;
    await timed(server, process.execPath, tandemArgs(workspace(scratch, 999)), { ...baseEnv, PATH: `${bin}:${process.env.PATH}` });
    const firstBytes = Buffer.byteLength(server.requestsTo('/v1/chat/completions')[before]?.rawBody ?? '');
    const gitCount = (() => { try { return readFileSync(log, 'utf8').split('\n').filter(Boolean).length; } catch { return 0; } })();

    const bare = median(samples.get('node -e 0')!.map((s) => s.wallMs));
    const tandem = samples.get(rows[1].name)!;
    const tWall = median(tandem.map((s) => s.wallMs));
    const tFirst = median(tandem.map((s) => s.firstRequestMs ?? NaN));
    const tCpu = median(tandem.map((s) => s.cpuS));
    console.log(`| Scripted 3-request task, ${RUNS} rounds (medians) | whole task | vs node -e 0 | first request | CPU s | vs Tandem (whole / first / CPU) |`);
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) {
      const s = samples.get(row.name)!;
      const wall = median(s.map((x) => x.wallMs));
      const first = median(s.map((x) => x.firstRequestMs ?? NaN));
      const cpu = median(s.map((x) => x.cpuS));
      const vs = row.name === 'node -e 0' ? '' : `${(wall / tWall).toFixed(2)}× / ${Number.isNaN(first) ? '-' : (first / tFirst).toFixed(2) + '×'} / ${(cpu / tCpu).toFixed(2)}×`;
      console.log(`| ${row.name} | ${wall.toFixed(0)} ms | ${(wall / bare).toFixed(2)}× | ${Number.isNaN(first) ? '-' : first.toFixed(0) + ' ms'} | ${cpu.toFixed(2)} | ${vs} |`);
    }
    console.log(`git processes in one tandem exec task: ${gitCount} (goal ≤ 3); its first request: ${(firstBytes / 1024).toFixed(1)} KB (goal ≤ 7 KB)`);
    if (!peer) console.log(`Codex CLI: ${codexMissing()}`);
    else if (peer.note) console.log(`Codex CLI: ${peer.note}`);
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

function codexMissing(): string {
  return 'not measured: no codex binary at $TANDEM_CODEX_BIN or /tmp/codex/node_modules/.bin/codex (install it there: cd /tmp/codex && npm install @openai/codex).';
}

if (require.main === module) void run();
