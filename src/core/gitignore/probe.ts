// Owns asking the user's git whether a workspace folder's `.tandem/` is ignored. The calls read the
// user's own configuration (a global excludes file must count) but run nothing of the repository's:
// no hooks, no fsmonitor, no external diff or pager, no prompt, no optional locks, and no GIT_*
// variable of the editor's environment redirects them to another repository or adds config (only
// the choice of config files is kept).
import { execFile } from 'node:child_process';

export type TandemIgnoreState =
  /** Not inside a git work tree (or git is missing, or refuses the folder): nothing to offer. */
  | 'not-git'
  /** A .gitignore, `.git/info/exclude` or the global excludes file already ignores it. */
  | 'ignored'
  /** Files under `.tandem/` are committed: the team keeps them on purpose. */
  | 'tracked'
  | 'not-ignored';

const HARDENING = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'core.pager=cat', '--no-pager'];

/** The user's choice of config files decides which global excludes file is theirs: kept. */
const KEPT_GIT_VARS = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM']);

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') || KEPT_GIT_VARS.has(k)) env[k] = v;
  return { ...env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_EXTERNAL_DIFF: '' };
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the user's git in `cwd` with the hardening above; `code` is -1 when git could not be started. */
export function userGit(cwd: string, args: string[], signal?: AbortSignal, gitBinary = 'git'): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(gitBinary, [...HARDENING, ...args], { cwd, env: gitEnv(), signal, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr).trim() });
    });
  });
}

/**
 * Whether `.tandem/` in `folder` is ignored by git. `written` is the path (relative to the folder,
 * `/`-separated) that was just written under `.tandem/`; it is what git is asked about.
 */
export async function tandemIgnoreState(folder: string, written = '.tandem/', signal?: AbortSignal, gitBinary = 'git'): Promise<TandemIgnoreState> {
  const inside = await userGit(folder, ['rev-parse', '--is-inside-work-tree'], signal, gitBinary);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return 'not-git';
  const tracked = await userGit(folder, ['ls-files', '-z', '--', '.tandem'], signal, gitBinary);
  if (tracked.code === 0 && tracked.stdout.length > 0) return 'tracked';
  const ignored = await userGit(folder, ['check-ignore', '-q', '--', written], signal, gitBinary);
  if (ignored.code === 0) return 'ignored';
  if (ignored.code === 1) return 'not-ignored';
  throw new Error(`git check-ignore failed: ${ignored.stderr || `exit code ${ignored.code}`}`);
}
