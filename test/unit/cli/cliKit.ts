// Shared by the CLI tests: the CLI bundles built once per test process the way esbuild.config.mjs
// builds dist/cli.js and dist/cliExec.js (into a temp folder, wasm grammars beside them), and the
// built CLI run as a child process. The bundle is what users run, and it starts in a fraction of the
// time of running the sources through tsx (which a child process would compile anew every time).
// This file holds no tests: importing it registers none (a test file imported by another runs its
// tests twice when mocha runs files in parallel workers).
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';

export const REPO = path.resolve(__dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let built: Promise<string> | undefined;
let builtPath: string | undefined;

/** dist/cli.js (and its lazily required cliExec.js) built into a temp folder once per test process. */
export function builtCli(): Promise<string> {
  built ??= (async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-test-cli-'));
    process.on('exit', () => rmSync(out, { recursive: true, force: true }));
    const esb = (await import('esbuild')) as typeof esbuild;
    const { cliBuilds } = (await import(pathToFileURL(path.join(REPO, 'esbuild.cli.mjs')).href)) as { cliBuilds: (common: object, outdir: string, root: string) => esbuild.BuildOptions[] };
    await Promise.all(cliBuilds({ logLevel: 'silent' }, out, REPO).map((b) => esb.build(b)));
    const wasm = path.join(REPO, 'node_modules/@vscode/tree-sitter-wasm/wasm');
    await fs.mkdir(path.join(out, 'wasm'));
    for (const f of await fs.readdir(wasm)) if (f.endsWith('.wasm')) await fs.copyFile(path.join(wasm, f), path.join(out, 'wasm', f));
    builtPath = path.join(out, 'cli.js');
    return builtPath;
  })();
  return built;
}


/** The built CLI's path, for a caller that cannot wait: the suite must have awaited builtCli() first. */
export function builtCliPath(): string {
  if (!builtPath) throw new Error('the CLI is not built yet: add before(() => builtCli()) to the suite');
  return builtPath;
}

/** The node arguments that start the CLI (`node <these> exec …`). */
export async function tandemArgv(): Promise<string[]> {
  return [await builtCli()];
}

// Checkpoints, audit keys and head records go to temp folders, never the developer's own.
const TEST_CONFIG_HOME = mkdtempSync(path.join(os.tmpdir(), 'tandem-config-'));
const TEST_STATE_HOME = path.join(os.tmpdir(), `tandem-test-state-${process.pid}`);
process.on('exit', () => {
  rmSync(TEST_CONFIG_HOME, { recursive: true, force: true });
  rmSync(TEST_STATE_HOME, { recursive: true, force: true });
});

export interface ProcessOptions {
  cwd?: string;
  /** The whole environment: nothing is inherited that is not named here. */
  env?: NodeJS.ProcessEnv;
  /** Written, then stdin is closed; 'open' keeps a silent pipe open until the process ends. Default: closed at once (no TTY, as in CI). */
  stdin?: string | Buffer | 'open';
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs `node <argv>` and collects what it printed. */
export function runProcess(argv: string[], o: ProcessOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: o.cwd ?? REPO, env: o.env ?? {}, stdio: ['pipe', 'pipe', 'pipe'] });
    if (o.stdin === 'open') child.stdin.on('error', () => undefined);
    else child.stdin.end(o.stdin ?? '');
    o.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (o.stdin === 'open') child.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a node entry with arguments; stdin is a closed pipe (no TTY), as in CI. */
export function runNode(entry: string[], args: string[], env: NodeJS.ProcessEnv = {}, onSpawn?: (child: ChildProcess) => void): Promise<CliRun> {
  return runProcess([...entry, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: TEST_STATE_HOME, XDG_CONFIG_HOME: TEST_CONFIG_HOME, ...env },
    onSpawn,
  });
}

/** Runs the built CLI (`tandem <args>`); `nodeOptions` go before it (e.g. --max-old-space-size). */
export async function runTandem(args: string[], env: NodeJS.ProcessEnv = {}, onSpawn?: (child: ChildProcess) => void, nodeOptions: string[] = []): Promise<CliRun> {
  return runNode([...nodeOptions, ...(await tandemArgv())], args, env, onSpawn);
}
