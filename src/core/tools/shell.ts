// Owns running a shell command for the agent: inside the sandbox when one is given and usable
// (bubblewrap; see core/sandbox), its own process group and a tracked process tree (so a timeout or
// a cancel ends every process, setsid children included), output streamed and capped head+tail, the
// exit code and duration, and an environment built from an allowlist instead of the parent's.
import { spawn } from 'node:child_process';
import { withSafeGit } from '../util/userGit';
import { driverOverrides } from '../util/gitDrivers';
import { diffProtected, snapshotProtected, type ProtectedChange } from '../sandbox/protectedSet';
import { childEnv } from '../sandbox/childEnv';
import { ProcessTracker, runMarker } from '../sandbox/processTree';
import type { Sandbox } from '../sandbox/sandbox';

export interface ShellResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** The command ran inside the sandbox. */
  confined: boolean;
  /** Protected workspace paths (e.g. .vscode) the command created (they were missing) or replaced (a symlink). */
  createdProtected: string[];
  /** Files of the protected set (hooks, tasks, workflows, .envrc…) created, changed or removed, with their content before. */
  protectedChanges: ProtectedChange[];
}

export interface ShellOptions {
  cwd: string;
  timeoutMs: number;
  /** The parent environment the allowlist picks from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** tandem.agent.env: names passed through and NAME=value entries. */
  envExtra?: string[];
  maxOutput?: number;
  onOutput?: (chunk: string) => void;
  /** Runs the command confined to the workspace when given together with workspaceRoot. */
  sandbox?: Sandbox;
  /** Secret files the user approved this command to read: not masked in the sandbox. */
  unmask?: string[];
  workspaceRoot?: string;
}

/** Keeps the first and last part of a long text with a notice of what was left out. */
export function capHeadTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters omitted] …\n${text.slice(-half)}`;
}

/** How often an unconfined command's process tree is re-read, to catch children that detach. */
const TRACK_EVERY_MS = 500;
/** How often the processes still holding a finished command's pipes are killed again. */
const REKILL_EVERY_MS = 200;

export async function runShell(command: string, opts: ShellOptions, signal: AbortSignal): Promise<ShellResult> {
  const shell = process.platform === 'win32' ? { file: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', command] } : { file: '/bin/sh', args: ['-c', command] };
  // Read before the sandbox makes its placeholders (removed again after the run).
  const before = opts.workspaceRoot ? await snapshotProtected(opts.workspaceRoot) : undefined;
  const confined = opts.sandbox && opts.workspaceRoot ? await opts.sandbox.confine(shell.file, shell.args, { workspaceRoot: opts.workspaceRoot, cwd: opts.cwd }, opts.unmask?.length ? { unmask: opts.unmask } : {}) : undefined;
  const marker = runMarker();
  const [markerName, markerValue] = marker.split('=');
  // Any git the command starts, at any depth, runs with the forced safe config (util/userGit.ts).
  // Unconfined, a repository's own named drivers are forced off too (util/gitDrivers.ts); inside the
  // sandbox a driver runs as confined as the command itself.
  const base = childEnv(opts.env ?? process.env, { extra: opts.envExtra });
  const drivers = confined || process.platform === 'win32' ? [] : (await driverOverrides([opts.cwd], opts.workspaceRoot, base)).pairs;
  const env = { ...withSafeGit(base, drivers), ...confined?.env, [markerName]: markerValue };
  try {
    const r = await spawnAndWait(confined ?? shell, { ...opts, env, marker, confined: Boolean(confined) }, signal);
    const createdProtected = confined ? await confined.release() : [];
    const protectedChanges = before && opts.workspaceRoot ? diffProtected(before, await snapshotProtected(opts.workspaceRoot)) : [];
    return { ...r, confined: Boolean(confined), createdProtected, protectedChanges };
  } catch (err) {
    await confined?.release();
    throw err;
  }
}

type RawResult = Omit<ShellResult, 'confined' | 'createdProtected' | 'protectedChanges'>;

function spawnAndWait(program: { file: string; args: string[] }, opts: ShellOptions & { env: NodeJS.ProcessEnv; marker?: string; confined: boolean }, signal: AbortSignal): Promise<RawResult> {
  const started = Date.now();
  const max = opts.maxOutput ?? 30_000;
  return new Promise((resolve) => {
    const child = spawn(program.file, program.args, { cwd: opts.cwd, env: opts.env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    // Inside the sandbox the PID namespace holds every process (killing bwrap ends them all) once bwrap
    // has set it up; a signal that arrives before can kill bwrap and leave its child unbound, so the
    // marker is looked for then too. Outside, the tree is also read from /proc while it runs.
    const tree = new ProcessTracker(child.pid, { marker: opts.marker, scan: true });
    const tracking = !opts.confined && process.platform === 'linux' ? setInterval(() => tree.snapshot(), TRACK_EVERY_MS) : undefined;
    tracking?.unref();
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    // Keep memory bounded for chatty commands: head+tail of each stream.
    const append = (cur: string, chunk: string) => (cur.length + chunk.length > max * 4 ? capHeadTail(cur + chunk, max * 2) : cur + chunk);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = append(stdout, d);
      opts.onOutput?.(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = append(stderr, d);
      opts.onOutput?.(d);
    });
    const stop = () => {
      tree.kill('SIGTERM');
      setTimeout(() => tree.kill('SIGKILL'), 2000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    let done = false;
    let reaper: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, sig: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearInterval(reaper);
      clearTimeout(timer);
      clearInterval(tracking);
      signal.removeEventListener('abort', onAbort);
      // The shell may have exited while its children live on: end them too.
      tree.kill('SIGKILL');
      resolve({ exitCode, signal: sig, stdout: capHeadTail(stdout, max), stderr: capHeadTail(stderr, max), durationMs: Date.now() - started, timedOut, cancelled });
    };
    child.on('error', (err) => {
      stderr += String(err.message);
      finish(127, null);
    });
    // When the shell exits, children it left behind would hold the pipes open: end them so 'close'
    // follows (the agent's commands leave no orphans), again until the pipes close: a process that was
    // starting at the first kill (bwrap's child while it sets up the sandbox) is found on a later pass.
    child.on('exit', () => {
      tree.kill('SIGKILL');
      reaper = setInterval(() => tree.kill('SIGKILL'), REKILL_EVERY_MS);
      reaper.unref();
    });
    child.on('close', finish);
  });
}
