// Owns how the command policy judges a path a command reads: resolved like the file tools resolve
// theirs (against the command's folder, `~` and `$HOME` expanded, symlinks followed), globs expanded
// against the disk, and then outside the workspace or secret (pathRules) means "ask".
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { type PathRules } from './pathRules';
import type { Word } from './shellWords';
import { caseInsensitiveAt, containedPathSync, isInside } from '../util/containment';

export interface PathContext {
  /** Canonical workspace root. */
  root: string;
  /** Absolute folder the command runs in; undefined after a `cd` to a place only known at run time. */
  cwd: string | undefined;
  home: string;
  rules: PathRules;
}

/** Most folder entries a glob expansion reads before the policy gives up and asks. */
const MAX_ENTRIES = 5000;
/** Most entries looked at for secret files below a searched folder (node_modules and .git skipped). */
const MAX_SEARCHED = 30_000;

/** Absolute lexical path of a word (`~` and `~/…` are the home folder), or a reason it is unknown. */
export function absoluteOf(word: Word, ctx: Pick<PathContext, 'cwd' | 'home'>): string | { unknown: string } {
  if (word.dynamic) return { unknown: `"${word.text}" is only known when the command runs` };
  if (word.brace) return { unknown: `"${word.text}" expands into several paths` };
  let text = word.text;
  if (text === '~' || text.startsWith('~/')) text = ctx.home + text.slice(1);
  else if (text.startsWith('~')) return { unknown: `"${word.text}" names another user's home folder` };
  if (path.isAbsolute(text)) return path.resolve(text);
  if (ctx.cwd === undefined) return { unknown: `"${word.text}" is relative to a folder only known when the command runs` };
  return path.resolve(ctx.cwd, text);
}

/** Paths a glob matches now (capped), walking one segment at a time as the shell does. */
function expandGlob(abs: string): string[] | undefined {
  const segments = abs.split(path.sep).filter(Boolean);
  let current = [path.parse(abs).root];
  let seen = 0;
  for (const seg of segments) {
    const next: string[] = [];
    const isGlob = picomatch.scan(seg).isGlob;
    for (const dir of current) {
      if (!isGlob) {
        next.push(path.join(dir, seg));
        continue;
      }
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        continue;
      }
      const match = picomatch(seg, { dot: seg.startsWith('.') });
      for (const e of entries) if (match(e)) next.push(path.join(dir, e));
      seen += entries.length;
      if (seen > MAX_ENTRIES) return undefined;
    }
    current = next;
  }
  // Like bash, only paths that exist are matches (nothing matching leaves the pattern as it is).
  return current.filter((p) => existsSync(p));
}

function judgeAbsolute(abs: string, shown: string, ctx: PathContext, namesOnly = false): string | undefined {
  if (!isInside(ctx.root, abs, { caseInsensitive: caseInsensitiveAt(ctx.root) })) return `it reads ${shown}, which is outside the workspace`;
  const inside = containedPathSync(ctx.root, abs);
  if (!inside) return `it reads ${shown}, which leads outside the workspace through a symbolic link`;
  if (namesOnly) return undefined;
  const secret = ctx.rules.secretReason(inside.rel) ?? ctx.rules.secretReason(path.relative(ctx.root, abs).split(path.sep).join('/'));
  return secret && `it reads ${shown}: ${secret}`;
}

/**
 * Why reading this word as a path needs approval, or undefined when it stays inside and is not
 * secret. With `namesOnly` (ls, stat, find) a secret file may be named; outside still asks.
 */
export function pathReason(word: Word, ctx: PathContext, namesOnly = false): string | undefined {
  const abs = absoluteOf(word, ctx);
  if (typeof abs !== 'string') return `it reads a path that cannot be checked before it runs: ${abs.unknown}`;
  const shown = `"${word.text}"`;
  if (!word.glob) return judgeAbsolute(abs, shown, ctx, namesOnly);
  // The part before the first glob character bounds where the matches can be, and `..` after it
  // is collapsed by path.resolve; both must stay inside.
  const base = abs.split(path.sep).findIndex((s) => picomatch.scan(s).isGlob);
  const prefix = abs.split(path.sep).slice(0, base).join(path.sep) || path.sep;
  const bound = judgeAbsolute(prefix, shown, ctx, namesOnly);
  if (bound) return bound;
  const matches = expandGlob(abs);
  if (!matches) return `it reads ${shown}, which matches too many files to check`;
  for (const m of matches) {
    const why = judgeAbsolute(m, `"${m}" (matched by ${shown})`, ctx, namesOnly);
    if (why) return why;
  }
  return undefined;
}

/**
 * A secret file below a folder a command reads recursively (`grep -r`, `rg`), or undefined.
 * `skipHidden` mirrors ripgrep, which skips dot files unless told otherwise.
 */
export function secretBelow(dirAbs: string, ctx: PathContext, skipHidden: boolean): string | undefined {
  let seen = 0;
  const stack = [dirAbs];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_SEARCHED) return `it searches ${path.relative(ctx.root, dirAbs) || '.'}, a folder too large to check for secret files`;
      if ((skipHidden && e.name.startsWith('.')) || e.name === 'node_modules' || e.name === '.git') continue;
      const abs = path.join(dir, e.name);
      const rel = path.relative(ctx.root, abs).split(path.sep).join('/');
      const secret = ctx.rules.secretReason(rel);
      if (secret) return `it searches a folder holding ${rel}: ${secret}`;
      if (e.isSymbolicLink() && !containedPathSync(ctx.root, abs)) return `it searches a folder holding ${rel}, a link that leads outside the workspace`;
      if (e.isDirectory()) stack.push(abs);
    }
  }
  return undefined;
}
