// Owns running git against a shadow repository that lives outside the workspace: the git dir and its
// index are Tandem's own, the work tree is the workspace. Calls go through the hardened runner (no
// GIT_* variable, hook, fsmonitor, pager or external diff of the user's) and read no global or system
// config, so the user's own repository (its HEAD, index, stash, config) is never read or written.
import { userGitRaw } from '../util/userGit';

export class ShadowGitError extends Error {}

/** Config for every call: no hooks, no signing, no CRLF conversion, modes and symlinks kept. */
const CONFIG = [
  'core.autocrlf=false',
  'core.safecrlf=false',
  'core.fileMode=true',
  'core.symlinks=true',
  'core.quotePath=false',
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=true',
  'core.logAllRefUpdates=false',
  'core.longpaths=true',
  'commit.gpgSign=false',
  'gc.auto=0',
  'user.name=Tandem',
  'user.email=checkpoints@tandem.invalid',
  'advice.addEmbeddedRepo=false',
  'safe.directory=*',
  // Folders 0700, files 0600 (objects 0400): the store holds the workspace's source.
  'core.sharedRepository=0600',
  'index.version=2',
  'feature.manyFiles=false',
];

export interface GitRun {
  stdout: Buffer;
  stderr: string;
}

export class ShadowGit {
  constructor(
    readonly gitDir: string,
    readonly workTree: string,
    private readonly gitBinary = 'git',
  ) {}

  /** No config of the user's or the system's: the shadow repository's behaviour is fixed by CONFIG. */
  private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { HOME: this.gitDir, LANG: 'C', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...extra };
  }

  /** Runs git through the hardened runner (core/util/userGit); throws a ShadowGitError with git's own message when it fails. */
  async run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; cwd?: string } = {}): Promise<GitRun> {
    const full = [`--git-dir=${this.gitDir}`, `--work-tree=${this.workTree}`, ...CONFIG.flatMap((c) => ['-c', c]), ...args];
    try {
      return await userGitRaw(opts.cwd ?? this.workTree, full, { env: this.env(opts.env), input: opts.input, signal: opts.signal, gitBinary: this.gitBinary });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new ShadowGitError('Checkpoints need the git program, which was not found on PATH. Install git to use checkpoints.');
      if (opts.signal?.aborted) throw err;
      throw new ShadowGitError(`git ${args[0]} failed: ${e.stderr || e.message}`);
    }
  }

  async text(args: string[], opts: { input?: string; signal?: AbortSignal } = {}): Promise<string> {
    return (await this.run(args, opts)).stdout.toString('utf8');
  }
}
