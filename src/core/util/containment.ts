// Owns the one answer to "is this path inside the workspace?", used by the file tools, the command
// policy, @-mentions, the sandbox, the audit log, project instructions and both appliers. A path is
// inside when its lexical form AND its real form (every symbolic link followed — also a dangling
// one, whose target is where a write would land — with missing parents allowed) lie at or below the
// root, compared without regard to case when the root's file system ignores case. Anything that
// cannot be resolved (a link loop, a folder that cannot be read) counts as outside: fail closed.
import { lstatSync, promises as fs, readlinkSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Links followed through missing targets before the path counts as a loop (Linux's own limit). */
const MAX_HOPS = 40;

export interface CompareOptions {
  /** Compare without regard to case (the root's file system ignores case). */
  caseInsensitive?: boolean;
}

/** True when `child` is `root` or lies below it (both absolute); purely lexical. */
export function isInside(root: string, child: string, opts: CompareOptions = {}): boolean {
  const fold = (p: string) => (opts.caseInsensitive ? p.toLowerCase() : p);
  const rel = path.relative(fold(path.resolve(root)), fold(path.resolve(child)));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function loop(p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Too many symbolic links resolving ${p}`), { code: 'ELOOP' });
}

const missingCode = (err: unknown) => ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * The real path of `p`: its existing part resolved by the system, a missing rest appended; a
 * dangling link is followed to where it points. Throws on link loops and unreadable folders.
 */
export async function realpathAllowMissing(p: string, hops = 0): Promise<string> {
  if (hops > MAX_HOPS) throw loop(p);
  try {
    return await fs.realpath(p);
  } catch (err) {
    if (!missingCode(err)) throw err;
  }
  const parent = path.dirname(p);
  if (parent === p) return p;
  const realParent = await realpathAllowMissing(parent, hops);
  const st = await fs.lstat(path.join(realParent, path.basename(p))).catch(() => undefined);
  if (st?.isSymbolicLink()) {
    const target = await fs.readlink(path.join(realParent, path.basename(p)));
    return realpathAllowMissing(path.resolve(realParent, target), hops + 1);
  }
  return path.join(realParent, path.basename(p));
}

/** realpathAllowMissing for synchronous callers (the command policy). */
export function realpathAllowMissingSync(p: string, hops = 0): string {
  if (hops > MAX_HOPS) throw loop(p);
  try {
    return realpathSync.native(p);
  } catch (err) {
    if (!missingCode(err)) throw err;
  }
  const parent = path.dirname(p);
  if (parent === p) return p;
  const realParent = realpathAllowMissingSync(parent, hops);
  const here = path.join(realParent, path.basename(p));
  let link = false;
  try {
    link = lstatSync(here).isSymbolicLink();
  } catch {
    /* missing */
  }
  return link ? realpathAllowMissingSync(path.resolve(realParent, readlinkSync(here)), hops + 1) : here;
}

const caseCache = new Map<string, boolean>();

/** The same path with the case of its last lettered segment flipped, or undefined when none has letters. */
function flippedCase(p: string): string | undefined {
  const parts = p.split(path.sep);
  for (let i = parts.length - 1; i >= 0; i--) {
    const flipped = [...parts[i]].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    if (flipped !== parts[i]) return [...parts.slice(0, i), flipped, ...parts.slice(i + 1)].join(path.sep);
  }
  return undefined;
}

/**
 * Whether the file system holding `dir` (an existing real path) ignores case: the same folder
 * spelled in the other case is the same inode. Probed once per folder.
 */
export function caseInsensitiveAt(dir: string): boolean {
  const cached = caseCache.get(dir);
  if (cached !== undefined) return cached;
  let answer = false;
  const other = flippedCase(dir);
  try {
    const a = statSync(dir);
    const b = other ? statSync(other) : undefined;
    answer = b !== undefined && a.ino === b.ino && a.dev === b.dev;
  } catch {
    answer = false;
  }
  caseCache.set(dir, answer);
  return answer;
}

export interface Contained {
  /** Real absolute path (for a missing path: the real existing part plus the missing rest). */
  abs: string;
  /** Path relative to the root with forward slashes ('' for the root itself). */
  rel: string;
}

function judge(root: string, lexical: string, real: string): Contained | undefined {
  const caseInsensitive = caseInsensitiveAt(root);
  if (!isInside(root, lexical, { caseInsensitive }) || !isInside(root, real, { caseInsensitive })) return undefined;
  // With case ignored the real path may spell the root differently; the part below it is the same length.
  const rel = isInside(root, real) ? path.relative(root, real) : real.slice(root.length).replace(/^[\\/]+/, '');
  return { abs: real, rel: rel.split(path.sep).join('/') };
}

/**
 * Where `p` (absolute, or relative to `root`) really is, when it is inside `root` (a canonical real
 * path) both as written and after resolving links; undefined when it is outside or unresolvable.
 */
export async function containedPath(root: string, p: string): Promise<Contained | undefined> {
  const lexical = path.resolve(root, p);
  if (!isInside(root, lexical, { caseInsensitive: caseInsensitiveAt(root) })) return undefined;
  const real = await realpathAllowMissing(lexical).catch(() => undefined);
  return real === undefined ? undefined : judge(root, lexical, real);
}

/** containedPath for synchronous callers. */
export function containedPathSync(root: string, p: string): Contained | undefined {
  const lexical = path.resolve(root, p);
  if (!isInside(root, lexical, { caseInsensitive: caseInsensitiveAt(root) })) return undefined;
  let real: string;
  try {
    real = realpathAllowMissingSync(lexical);
  } catch {
    return undefined;
  }
  return judge(root, lexical, real);
}

/** The canonical real path of a folder (a workspace root), or the resolved path when it does not exist. */
export async function canonicalPath(dir: string): Promise<string> {
  return fs.realpath(path.resolve(dir)).catch(() => path.resolve(dir));
}
