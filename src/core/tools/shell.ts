// Owns running a shell command for the agent: its own process group (so a timeout or a cancel kills
// the whole tree, grandchildren included), output streamed and capped head+tail, the exit code and
// duration, and an environment with API keys and tokens removed.
import { spawn } from 'node:child_process';

export interface ShellResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
}

const SECRET_NAME = /(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|PRIVATE_KEY)$/i;

/** The environment without variables that look like secrets. */
export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!SECRET_NAME.test(k) && !/^(OPENAI|ANTHROPIC|AZURE_OPENAI)_/.test(k)) out[k] = v;
  return out;
}

/** Keeps the first and last part of a long text with a notice of what was left out. */
export function capHeadTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters omitted] …\n${text.slice(-half)}`;
}

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F']);
    else process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

export function runShell(
  command: string,
  opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv; maxOutput?: number; onOutput?: (chunk: string) => void },
  signal: AbortSignal,
): Promise<ShellResult> {
  const started = Date.now();
  const max = opts.maxOutput ?? 30_000;
  return new Promise((resolve) => {
    const shell = process.platform === 'win32' ? { file: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', command] } : { file: '/bin/sh', args: ['-c', command] };
    const child = spawn(shell.file, shell.args, { cwd: opts.cwd, env: scrubEnv(opts.env ?? process.env), detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
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
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 2000).unref();
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
    const finish = (exitCode: number | null, sig: NodeJS.Signals | null) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // The shell may have exited while its children live on in the group: end them too.
      killGroup(child.pid, 'SIGKILL');
      resolve({ exitCode, signal: sig, stdout: capHeadTail(stdout, max), stderr: capHeadTail(stderr, max), durationMs: Date.now() - started, timedOut, cancelled });
    };
    child.on('error', (err) => {
      stderr += String(err.message);
      finish(127, null);
    });
    // When the shell exits, children it left behind would hold the pipes open: end the group so
    // 'close' follows (the agent's commands leave no orphans).
    child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.on('close', finish);
  });
}
