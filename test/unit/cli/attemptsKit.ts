// Shared by the best-of-k tests: the built CLI (cliKit) run as a child
// process with its own TMPDIR (so leftovers can be seen), a git workspace with uncommitted changes,
// a snapshot of the user's git state, and a scripted model whose edit depends on the model's name.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ModelServer, RecordedRequest, Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { builtCli, runProcess, type CliRun } from './cliKit';

export { builtCli };

/** Runs the built CLI; stdin is a closed pipe (no TTY), TMPDIR and the state folders are `home`'s. */
export async function runCli(args: string[], home: string, env: NodeJS.ProcessEnv = {}, onSpawn?: (child: ChildProcess) => void): Promise<CliRun> {
  return runProcess([await builtCli(), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: path.join(home, 'tmp'), XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'), ...env },
    onSpawn,
  });
}

/** A temp home (real path) with the `tmp` folder runCli gives the CLI as its TMPDIR. */
export async function tempHome(prefix: string): Promise<string> {
  const home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  await fs.mkdir(path.join(home, 'tmp'));
  return home;
}

export function git(root: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Everything of the user's repository a best-of-k run must leave as it was. */
export function gitState(root: string): Record<string, string> {
  return {
    status: git(root, 'status', '--porcelain=v1', '--untracked-files=all'),
    stash: git(root, 'stash', 'list'),
    branches: git(root, 'branch', '-a'),
    worktrees: git(root, 'worktree', 'list', '--porcelain'),
    head: git(root, 'rev-parse', 'HEAD'),
    index: git(root, 'ls-files', '--stage'),
  };
}

/**
 * A git workspace whose calc.js is committed as a / b and changed (uncommitted) to a - b, with an
 * untracked notes.txt; check.js passes only when calc(2, 3) is 5 and prints mocha's "1 failing" else.
 */
export async function calcWorkspace(parent: string): Promise<string> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(parent, 'ws-')));
  await fs.writeFile(path.join(root, 'calc.js'), 'module.exports = (a, b) => a / b;\n');
  await fs.writeFile(path.join(root, 'check.js'), "const calc = require('./calc');\nif (calc(2, 3) === 5) { console.log('1 passing'); } else { console.log('  1 failing'); process.exit(1); }\n");
  await fs.writeFile(path.join(root, '.gitignore'), '.tandem/\nbuild/\n');
  await fs.mkdir(path.join(root, 'build'));
  await fs.writeFile(path.join(root, 'build', 'big.bin'), 'ignored output\n');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
  await fs.writeFile(path.join(root, 'calc.js'), 'module.exports = (a, b) => a - b;\n');
  await fs.writeFile(path.join(root, 'notes.txt'), 'draft\n');
  return root;
}

/** The edit each model makes to calc.js: only "good" makes the tests pass. */
export const EDITS: Record<string, string> = { good: 'a + b', bad: 'a * b', worse: 'a - b - 1' };

/**
 * Answers every attempt by its model's name: first an edit of the uncommitted `a - b` (so it fails
 * when the copy lacks uncommitted changes), then a short answer. `hang` never answers.
 */
export function scriptModels(server: ModelServer): void {
  server.onRequest('/v1/chat/completions', attemptReply);
}

/** scriptModels' answer to one request. */
export function attemptReply(req: RecordedRequest): Reply {
  const model = String(req.body.model);
  if (model === 'hang') return { kind: 'hang' };
  const answered = (req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool');
  if (answered) return chatStream(`done by ${model}`);
  return chatToolCallStream([{ id: `e-${model}`, name: 'edit_file', arguments: { path: 'calc.js', old_string: 'a - b', new_string: EDITS[model] ?? 'a' } }]);
}

/** Entries left in a folder (the child's TMPDIR after a run). */
export async function leftovers(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}
