// Owns the rule that the agent reads and writes only inside the workspace: a path the model gives
// is resolved, then checked on its canonical real path (symlinks followed, `..` collapsed), so a
// link or a look-alike prefix (`/w/app` vs `/w/app-other`) cannot lead out.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ToolCallError } from '../util/errors';

export interface ResolvedPath {
  /** Absolute real path (for new files: the real parent plus the new name). */
  abs: string;
  /** Workspace-relative path with forward slashes ('' for the root itself). */
  rel: string;
}

/** True when `child` is `root` or lies below it (both absolute, normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path of `p`, or of its nearest existing ancestor with the missing rest appended. */
async function realpathAllowMissing(p: string): Promise<string> {
  const missing: string[] = [];
  let cur = p;
  for (;;) {
    try {
      const real = await fs.realpath(cur);
      return missing.length ? path.join(real, ...missing.reverse()) : real;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}

/**
 * Resolves a model-given path against the workspace root (which must itself be a real path).
 * Throws a ToolCallError that tells the model what is allowed.
 */
export async function resolveInWorkspace(root: string, given: string): Promise<ResolvedPath> {
  if (typeof given !== 'string' || given.includes('\0')) throw new ToolCallError('The path is not valid text.');
  const cleaned = given.trim().replace(/\\/g, '/') || '.';
  const lexical = path.resolve(root, cleaned);
  const outside = () =>
    new ToolCallError(`"${given}" is outside the workspace. Use a path relative to the workspace root (e.g. "src/app.ts"); nothing outside it can be read or written.`);
  if (!isInside(root, lexical)) throw outside();
  const real = await realpathAllowMissing(lexical);
  if (!isInside(root, real)) throw outside();
  return { abs: real, rel: path.relative(root, real).split(path.sep).join('/') };
}

/** The canonical real path of a workspace root. */
export async function canonicalRoot(dir: string): Promise<string> {
  return fs.realpath(path.resolve(dir));
}
