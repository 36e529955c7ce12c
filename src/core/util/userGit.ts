// Owns how every git process Tandem starts or lets start is confined: one table of forced settings,
// given through the environment (GIT_CONFIG_COUNT/KEY/VALUE, which git reads after every config file,
// so a repository's own config cannot override them) to the host's own git calls (@git, the .gitignore
// offer, checkpoints, attempts) AND to every command the agent runs — so a git started by `npm test`,
// a Makefile or a script, at any depth, inside or outside the sandbox, runs no program a repository
// names. With it: no system config, no pager, no editor, no prompt, and none of the editor's GIT_*
// variables (GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_PARAMETERS…) to redirect a call; only the user's
// choice of config files is kept (a global excludes file must count).
import { execFile } from 'node:child_process';

/**
 * An external diff that runs only `diff`: with an empty diff.external git tries to run "" and
 * `git diff` fails, so the forced value prints the same unified diff through the system's diff.
 */
export const PLAIN_DIFF = 'tandem_diff(){ echo "diff --git a/$1 b/$1"; diff -u --label "a/$1" --label "b/$1" "$2" "$5"; [ $? -le 1 ]; }; tandem_diff';

/**
 * Settings through which a repository's config (or one its `.git` file, `commondir` or `include.path`
 * leads to) would run a program, each forced to a harmless value. Drivers named per repository
 * (`diff.<name>.textconv`, `filter.<name>.clean`) cannot be listed here: an unconfined command gets
 * them from util/gitDrivers.ts, Tandem's own calls pass --no-textconv, and the sandbox keeps a
 * workspace's .git/config read-only (see README).
 * uploadpack.packObjectsHook is only read from protected (system, global, command-line) config.
 */
export const SAFE_GIT_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', 'true'],
  ['sequence.editor', 'true'],
  ['core.askPass', ''],
  ['core.sshCommand', 'ssh'],
  ['core.alternateRefsCommand', ''],
  ['diff.external', PLAIN_DIFF],
  ['credential.helper', ''],
  ['protocol.ext.allow', 'never'],
  ['safe.bareRepository', 'explicit'],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['gpg.program', 'gpg'],
  ['gpg.ssh.program', 'ssh-keygen'],
  ['gpg.x509.program', 'gpgsm'],
];

/**
 * GIT_* variables kept: the user's choice of global config file, and who a commit is by. Every other
 * one (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_COMMON_DIR, GIT_CONFIG_PARAMETERS, GIT_EXEC_PATH,
 * GIT_SSH_COMMAND, GIT_EXTERNAL_DIFF…) would redirect git or run a program, and is dropped.
 */
const KEPT_GIT_VAR = /^GIT_(CONFIG_GLOBAL|(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE))$/;

/**
 * The variables that force SAFE_GIT_CONFIG on any git started with them. They go last into an
 * environment, so a user-given GIT_CONFIG_COUNT cannot shorten the list.
 */
export function safeGitEnv(extra: ReadonlyArray<readonly [string, string]> = []): Record<string, string> {
  const all = [...SAFE_GIT_CONFIG, ...extra];
  const env: Record<string, string> = {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: String(all.length),
    GIT_PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_SEQUENCE_EDITOR: 'true',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    GIT_PROTOCOL_FROM_USER: '0',
    // core.gitProxy is first-match-wins (a repository's value would beat ours); the variable is read first.
    GIT_PROXY_COMMAND: '',
  };
  all.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return env;
}

/**
 * `env` without the GIT_* variables that would redirect git or add config, plus the forced config
 * (and `extra` pairs after it: the repository-named drivers of util/gitDrivers.ts).
 */
export function withSafeGit(env: NodeJS.ProcessEnv, extra: ReadonlyArray<readonly [string, string]> = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.toUpperCase().startsWith('GIT_') || KEPT_GIT_VAR.test(k)) out[k] = v;
  return { ...out, ...safeGitEnv(extra) };
}

function gitEnv(extra: ReadonlyArray<readonly [string, string]> = []): NodeJS.ProcessEnv {
  return { ...withSafeGit(process.env, extra), GIT_OPTIONAL_LOCKS: '0' };
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the user's git in `cwd` with the hardening above; `code` is -1 when git could not be started
 * (`stderr` then says why). `drivers`: config pairs from util/gitDrivers.ts, for a call that reads
 * file contents through the repository's attributes (diff against the working tree, status).
 */
export function userGit(cwd: string, args: string[], signal?: AbortSignal, gitBinary = 'git', drivers: ReadonlyArray<readonly [string, string]> = []): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(gitBinary, ['--no-pager', ...args], { cwd, env: gitEnv(drivers), signal, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
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
    const child = execFile(opts.gitBinary ?? 'git', ['--no-pager', ...args], { cwd, env: { ...gitEnv(), ...opts.env }, signal: opts.signal, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: stderr.toString('utf8').trim() }));
      else resolve({ stdout, stderr: stderr.toString('utf8').trim() });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
