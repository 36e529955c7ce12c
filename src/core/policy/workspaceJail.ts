// Owns the rule that the agent reads and writes only inside the workspace: a path the model gives
// is resolved, then checked on its canonical real path (symlinks followed, `..` collapsed), so a
// link or a look-alike prefix (`/w/app` vs `/w/app-other`) cannot lead out.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ToolCallError } from '../util/errors';
import { containedPath } from '../util/containment';

export interface ResolvedPath {
  /** Absolute real path (for new files: the real parent plus the new name). */
  abs: string;
  /** Workspace-relative path with forward slashes ('' for the root itself). */
  rel: string;
}

/**
 * Resolves a model-given path against the workspace root (which must itself be a real path).
 * Throws a ToolCallError that tells the model what is allowed.
 */
export async function resolveInWorkspace(root: string, given: string): Promise<ResolvedPath> {
  if (typeof given !== 'string' || given.includes('\0')) throw new ToolCallError('The path is not valid text.');
  const cleaned = given.trim().replace(/\\/g, '/') || '.';
  const inside = await containedPath(root, cleaned);
  if (!inside) throw new ToolCallError(`"${given}" is outside the workspace. Use a path relative to the workspace root (e.g. "src/app.ts"); nothing outside it can be read or written.`);
  return inside;
}

/** The canonical real path of a workspace root. */
export async function canonicalRoot(dir: string): Promise<string> {
  return fs.realpath(path.resolve(dir));
}
