// Owns running git against a shadow repository that lives outside the workspace: the git dir and its
// index are Tandem's own, the work tree is the workspace. The environment is built from scratch so
// no GIT_* variable, global or system config, hook or fsmonitor of the user's reaches these calls,
// and the user's own repository (its HEAD, index, stash, config) is never read or written.
import { execFile } from 'node:child_process';
import { safeGitEnv } from '../util/userGit';

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

  private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.gitDir,
      LANG: 'C',
      LC_ALL: 'C',
      GIT_DIR: this.gitDir,
      GIT_WORK_TREE: this.workTree,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_OPTIONAL_LOCKS: '0',
      // The same forced settings as every other git (util/userGit.ts): the work tree's nested
      // repositories and a `.git` file in it cannot name a program either.
      ...safeGitEnv(),
      ...extra,
    };
  }

  /** Runs git; throws a ShadowGitError with git's own message when it fails. */
  run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; cwd?: string } = {}): Promise<GitRun> {
    const full = CONFIG.flatMap((c) => ['-c', c]).concat(args);
    return new Promise((resolve, reject) => {
      const child = execFile(
        this.gitBinary,
        full,
        { cwd: opts.cwd ?? this.workTree, env: this.env(opts.env), encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, signal: opts.signal },
        (err, stdout, stderr) => {
          const errText = stderr.toString('utf8').trim();
          if (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') reject(new ShadowGitError('Checkpoints need the git program, which was not found on PATH. Install git to use checkpoints.'));
            else if (opts.signal?.aborted) reject(err);
            else reject(new ShadowGitError(`git ${args[0]} failed: ${errText || err.message}`));
            return;
          }
          resolve({ stdout, stderr: errText });
        },
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
    });
  }

  async text(args: string[], opts: { input?: string; signal?: AbortSignal } = {}): Promise<string> {
    return (await this.run(args, opts)).stdout.toString('utf8');
  }
}
