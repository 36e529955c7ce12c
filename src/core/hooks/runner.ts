// Owns running one hook command: `/bin/sh -c` in the workspace root, the event's JSON on stdin, an
// environment built from the same allowlist as the agent's commands (plus TANDEM_PROJECT_DIR and
// CLAUDE_PROJECT_DIR, which hook scripts written for Claude Code read), its own process group, and a
// timeout or cancel that kills the whole tree. Output is capped and secrets in it are masked: a
// hook's stderr may become a tool result the model reads.
import { spawn } from 'node:child_process';
import { childEnv } from '../sandbox/childEnv';
import { ProcessTracker, runMarker } from '../sandbox/processTree';
import { redactKeys } from '../secrets/redact';

export interface HookRunResult {
  /** null when the hook was killed (timeout, cancel) or could not start. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

export interface HookRunOptions {
  cwd: string;
  timeoutMs: number;
  /** The parent environment the allowlist picks from. */
  env: NodeJS.ProcessEnv;
  /** tandem.agent.env / --env: names passed through and NAME=value entries. */
  envExtra?: string[];
  maxOutput?: number;
}

const MAX_OUTPUT = 20_000;

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… [${text.length - max} more characters left out]`;
}

export function runHookCommand(command: string, input: unknown, opts: HookRunOptions, signal: AbortSignal): Promise<HookRunResult> {
  const started = Date.now();
  const max = opts.maxOutput ?? MAX_OUTPUT;
  const [markerName, markerValue] = runMarker().split('=');
  const env = { ...childEnv(opts.env, { extra: opts.envExtra }), TANDEM_PROJECT_DIR: opts.cwd, CLAUDE_PROJECT_DIR: opts.cwd, [markerName]: markerValue };
  const shell = process.platform === 'win32' ? { file: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', command] } : { file: '/bin/sh', args: ['-c', command] };
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    let done = false;
    const child = spawn(shell.file, shell.args, { cwd: opts.cwd, env, detached: process.platform !== 'win32', stdio: ['pipe', 'pipe', 'pipe'] });
    const tree = new ProcessTracker(child.pid, { marker: `${markerName}=${markerValue}`, scan: true });
    const kill = () => {
      tree.kill('SIGTERM');
      setTimeout(() => tree.kill('SIGKILL'), 1000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      kill();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const keep = (cur: string, chunk: string) => (cur.length > max * 2 ? cur : cur + chunk);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = keep(stdout, d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = keep(stderr, d)));
    // A hook that does not read its stdin (or exits first) must not fail the run with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(input));
    const finish = (exitCode: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // Children the hook left behind (a backgrounded sleep) would hold the pipes: end them.
      tree.kill('SIGKILL');
      const clean = (t: string) => cap(redactKeys(t, opts.env), max);
      resolve({ exitCode: timedOut || cancelled ? null : exitCode, stdout: clean(stdout), stderr: clean(stderr), timedOut, cancelled, durationMs: Date.now() - started });
    };
    child.on('error', (err) => {
      stderr += err.message;
      finish(null);
    });
    child.on('exit', () => tree.kill('SIGKILL'));
    child.on('close', (code) => finish(code));
  });
}
