// Owns asking the user's git whether a workspace folder's `.tandem/` is ignored, through the hardened
// runner in util/userGit.ts (the user's own configuration counts, a global excludes file included;
// nothing of the repository's runs).
import { userGit } from '../util/userGit';

export type TandemIgnoreState =
  /** Not inside a git work tree (or git is missing, or refuses the folder): nothing to offer. */
  | 'not-git'
  /** A .gitignore, `.git/info/exclude` or the global excludes file already ignores it. */
  | 'ignored'
  /** Files under `.tandem/` are committed: the team keeps them on purpose. */
  | 'tracked'
  | 'not-ignored';

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
