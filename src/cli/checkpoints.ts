// `tandem checkpoints` lists a workspace's checkpoints newest first (text or --json);
// `tandem restore ID` shows the files a restore changes, asks (unless --yes), and restores them,
// taking a checkpoint first so the restore can be undone. The store is core's, the same the agent
// fills during `tandem exec`; it lives in the CLI's state folder, never in the workspace.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { userAnchor } from '../core/audit/heads';
import { ledgerRecorder } from '../core/audit/recorder';
import { recordRestore } from '../core/checkpoints/record';
import { CheckpointStore, UnknownCheckpointError, type Checkpoint, type FileChange } from '../core/checkpoints/store';
import type { Writable } from './render';

export const CHECKPOINTS_HELP = `Usage: tandem checkpoints [--cwd DIR] [--json]
       tandem restore ID [--cwd DIR] [--yes]

checkpoints  lists the workspace's checkpoints, newest first (tandem exec takes one at the start of
             every task that changes files and after every edit or command; a task that only
             reads takes none)
restore      puts the workspace's files back as they were at checkpoint ID: changed files get their
             old content, files created since are removed, deleted files come back. A checkpoint of
             the current state is taken first, so "tandem restore" with its id undoes the restore.
             Asks before changing anything unless --yes is given.
Checkpoints live in $XDG_STATE_HOME/tandem (default ~/.local/state/tandem), never in the workspace;
.gitignore'd files, .git, .tandem/ and secret files (.env*, keys, credentials) are left out.
`;

export interface CheckpointIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  interactive: boolean;
}

/** The CLI's state folder for checkpoints ($TANDEM_STATE_DIR, $XDG_STATE_HOME/tandem, ~/.local/state/tandem). */
export function cliStateDir(env: NodeJS.ProcessEnv): string {
  if (env.TANDEM_STATE_DIR) return path.resolve(env.TANDEM_STATE_DIR);
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'tandem');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'tandem', 'state');
  return path.join(env.HOME || os.homedir(), '.local', 'state', 'tandem');
}

export function cliCheckpointStore(env: NodeJS.ProcessEnv, root: string): CheckpointStore {
  return new CheckpointStore(cliStateDir(env), root);
}

interface Parsed {
  positional: string[];
  cwd: string;
  json: boolean;
  yes: boolean;
}

function parse(argv: string[], allowed: string[]): Parsed | string {
  const out: Parsed = { positional: [], cwd: '.', json: false, yes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') ? a.split(/=(.*)/s, 2) : [a, undefined];
    if (!a.startsWith('-')) out.positional.push(a);
    else if (!allowed.includes(flag)) return `unknown option ${a}`;
    else if (flag === '--json') out.json = true;
    else if (flag === '--yes' || flag === '-y') out.yes = true;
    else if (flag === '--cwd') {
      const v = inline ?? argv[++i];
      if (!v) return '--cwd needs a folder';
      out.cwd = v;
    }
  }
  return out;
}

async function rootOf(io: CheckpointIo, dir: string): Promise<string | undefined> {
  try {
    const real = await fs.realpath(path.resolve(io.cwd, dir));
    if ((await fs.stat(real)).isDirectory()) return real;
  } catch {
    /* said below */
  }
  io.stderr.write(`error: --cwd ${dir} is not a folder that exists.\n`);
  return undefined;
}

function row(c: Checkpoint): string {
  const when = new Date(c.time).toISOString().replace('T', ' ').slice(0, 19);
  const step = c.step !== undefined ? `step ${c.step}` : '';
  const task = c.task ? `  ${c.task.replace(/\s+/g, ' ').slice(0, 60)}` : '';
  return `${c.id}  ${when}  ${step.padEnd(8)} ${String(c.files).padStart(5)} files  ${c.reason}${task}`;
}

export async function runCheckpoints(argv: string[], io: CheckpointIo): Promise<number> {
  const p = parse(argv, ['--cwd', '--json']);
  if (typeof p === 'string' || p.positional.length) {
    io.stderr.write(`error: ${typeof p === 'string' ? p : `unexpected argument "${p.positional[0]}"`}\n${CHECKPOINTS_HELP}`);
    return 2;
  }
  const root = await rootOf(io, p.cwd);
  if (!root) return 2;
  try {
    const list = await cliCheckpointStore(io.env, root).list();
    if (p.json) io.stdout.write(`${JSON.stringify(list.map((c) => ({ ...c, time: new Date(c.time).toISOString() })), null, 2)}\n`);
    else if (list.length === 0) io.stdout.write(`No checkpoints for ${root} yet: tandem exec takes them as it works.\n`);
    else io.stdout.write(list.map(row).join('\n') + '\n');
    return 0;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

function describe(changes: FileChange[]): string {
  const verb = { revert: 'restore', remove: 'remove', recreate: 'bring back' } as const;
  return changes.map((c) => `  ${verb[c.action].padEnd(10)} ${c.path}`).join('\n');
}

async function confirm(io: CheckpointIo, question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: io.stdin, output: undefined, terminal: false });
  io.stderr.write(question);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function runRestore(argv: string[], io: CheckpointIo): Promise<number> {
  const p = parse(argv, ['--cwd', '--yes', '-y']);
  if (typeof p === 'string' || p.positional.length !== 1) {
    io.stderr.write(`error: ${typeof p === 'string' ? p : p.positional.length ? 'give one checkpoint id' : 'which checkpoint? Give its id (tandem checkpoints lists them)'}\n${CHECKPOINTS_HELP}`);
    return 2;
  }
  const root = await rootOf(io, p.cwd);
  if (!root) return 2;
  const id = p.positional[0];
  try {
    const store = cliCheckpointStore(io.env, root);
    const changes = await store.changes(id);
    if (changes.length === 0) {
      io.stdout.write(`The workspace already matches checkpoint ${id}; nothing to restore.\n`);
      return 0;
    }
    io.stderr.write(`Restoring checkpoint ${id} changes ${changes.length} file(s) in ${root}:\n${describe(changes)}\n`);
    if (!p.yes) {
      if (!io.interactive) {
        io.stderr.write('Nothing was changed: no terminal is attached to confirm. Re-run with --yes to restore.\n');
        return 4;
      }
      if (!(await confirm(io, 'Restore these files? [y/N] '))) {
        io.stderr.write('Nothing was changed.\n');
        return 4;
      }
    }
    const { undo, changed } = await store.restore(id);
    if (io.env.TANDEM_AUDIT !== '0') {
      const recorder = ledgerRecorder(path.join(root, '.tandem', 'ai-changes.jsonl'), { taskId: () => undefined, task: () => undefined, model: '', baseUrl: '', anchor: userAnchor(io.env), workspaceRoot: root });
      const unrecorded = await recordRestore(recorder, store, id, undo.id, changed);
      if (unrecorded) io.stderr.write(`warning: ${unrecorded}\n`);
    }
    io.stdout.write(`Restored ${changed.length} file(s) to checkpoint ${id}. To undo: tandem restore ${undo.id}${p.cwd !== '.' ? ` --cwd ${p.cwd}` : ''}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return err instanceof UnknownCheckpointError ? 2 : 1;
  }
}
