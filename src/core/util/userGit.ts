// Owns running the user's own git in their repository (the @git attachment, the .gitignore offer): the
// user's configuration is read (a global excludes file must count) but nothing of the repository's runs —
// no hooks, no fsmonitor, no external diff or pager, no prompt, no optional locks — and no GIT_*
// variable of the editor's environment redirects the call to another repository or adds config (only
// the choice of config files is kept).
import { execFile } from 'node:child_process';

const HARDENING = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'core.pager=cat', '--no-pager'];

/** The user's choice of config files decides which global excludes file is theirs: kept. */
const KEPT_GIT_VARS = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM']);

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') || KEPT_GIT_VARS.has(k)) env[k] = v;
  return { ...env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_EXTERNAL_DIFF: '' };
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the user's git in `cwd` with the hardening above; `code` is -1 when git could not be started (`stderr` then says why). */
export function userGit(cwd: string, args: string[], signal?: AbortSignal, gitBinary = 'git'): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(gitBinary, [...HARDENING, ...args], { cwd, env: gitEnv(), signal, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr).trim() || (code === -1 && err ? err.message : '') });
    });
  });
}

export interface RawGitOptions {
  /** Added to the hardened environment (e.g. a shadow repository's config isolation). */
  env?: NodeJS.ProcessEnv;
  input?: string;
  signal?: AbortSignal;
  gitBinary?: string;
}

/** The same hardened call with stdout as bytes (file contents) and optional stdin; rejects with the execFile error. */
export function userGitRaw(cwd: string, args: string[], opts: RawGitOptions = {}): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(opts.gitBinary ?? 'git', [...HARDENING, ...args], { cwd, env: { ...gitEnv(), ...opts.env }, signal: opts.signal, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: stderr.toString('utf8').trim() }));
      else resolve({ stdout, stderr: stderr.toString('utf8').trim() });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
