// Owns walking the workspace the way a developer sees it: .gitignore files (nested ones too) are
// respected (those above a walk that starts in a subfolder too), .git is never entered, symlinks
// are not followed, and the walk stops at a limit.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from './files';

export interface WalkEntry {
  rel: string;
  isDir: boolean;
}

interface Rules {
  base: string;
  ig: Ignore;
}

async function rulesIn(dirAbs: string, relDir: string): Promise<Rules | undefined> {
  try {
    // A .gitignore that is a pipe or a huge file is ignored rather than hanging the walk.
    const text = (await readRegularFile(path.join(dirAbs, '.gitignore'), { maxBytes: 1024 * 1024 })).buf.toString('utf8');
    return { base: relDir, ig: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignored(rules: Rules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (sub && r.ig.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

export interface WalkOptions {
  maxDepth?: number;
  limit?: number;
  signal?: AbortSignal;
  /** Folders not to enter (e.g. node_modules for a scanner); they are still yielded. */
  skipDir?: (rel: string, name: string) => boolean;
}

/** The .gitignore files of the root and of every folder above `startRel`: they apply below it too. */
async function rulesAbove(root: string, startRel: string): Promise<Rules[]> {
  const parts = startRel ? startRel.split('/') : [];
  // The root, then each folder between it and startRel (startRel's own file is read when it is visited).
  const dirs = [''];
  for (let i = 1; i < parts.length; i++) dirs.push(parts.slice(0, i).join('/'));
  const out: Rules[] = [];
  for (const rel of dirs) {
    const r = await rulesIn(path.join(root, rel), rel);
    if (r) out.push(r);
  }
  return out;
}

/** Yields entries below `startRel` (breadth-first), at most `limit`, down to `maxDepth`. */
export async function* walk(root: string, startRel = '', opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const maxDepth = opts.maxDepth ?? Infinity;
  let count = 0;
  const queue: Array<{ rel: string; depth: number; rules: Rules[] }> = [{ rel: startRel, depth: 0, rules: await rulesAbove(root, startRel) }];
  while (queue.length) {
    if (opts.signal?.aborted) return;
    const { rel, depth, rules } = queue.shift()!;
    const abs = path.join(root, rel);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    const own = rel ? await rulesIn(abs, rel) : undefined;
    const active = own ? [...rules, own] : rules;
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name === '.git') continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (ignored(active, childRel, isDir)) continue;
      yield { rel: childRel, isDir };
      if (++count >= (opts.limit ?? Infinity)) return;
      if (isDir && depth + 1 < maxDepth && !opts.skipDir?.(childRel, e.name)) queue.push({ rel: childRel, depth: depth + 1, rules: active });
    }
  }
}
