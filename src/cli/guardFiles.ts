// Owns which files `tandem guard` reads: the named files and folders below the scan root, walked as a
// developer sees them (.gitignore at every level, .tandemignore), never node_modules or VCS folders,
// never secret files (.env, keys: a scanner must not print the secrets they hold), never a symlink
// (its target is scanned at its own path when it is inside the folder; one that leaves is never read),
// and not binary or huge files. Everything skipped is counted so the summary can say so. Secret-class
// files (.env*, .npmrc, keys) are listed apart: they are checked for secrets only, and their values are
// never printed (core/guard/secretFiles.ts); files listed in .tandemignore are never read.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PathRules, secretReason } from '../core/policy/pathRules';
import { isUtf8, mayBeRaw, rawJoin, rawPathsOf, walkRaw } from '../core/util/rawNames';
import { walk } from '../core/util/walk';
import { caseInsensitiveAt, isInside } from '../core/util/containment';

/** Folders a scanner never enters: installed dependencies and version-control data. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Larger files are generated or vendored, not written by hand (and would slow a CI run). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Git's test for binary content: a NUL byte in the first 8,000 bytes. */
const BINARY_PROBE = 8000;

export type SkipReason = 'secret' | 'symlink' | 'special' | 'binary' | 'tooLarge' | 'unreadable' | 'scanFailed';

export interface Skipped {
  path: string;
  reason: SkipReason;
  /** For unreadable files and failed scans: what went wrong. */
  detail?: string;
}

export class PathError extends Error {}

export interface Collected {
  /** Root-relative paths with forward slashes, sorted, each once. */
  files: string[];
  /** Of `files`, the secret-class ones (.env*, .npmrc, keys): checked for secrets only, values never shown. */
  secretFiles: string[];
  skipped: Skipped[];
  /** Named folders whose every entry is ignored (.gitignore): worth a note, since the user asked for them. */
  allIgnored: string[];
  /** Files whose names are not UTF-8: shown path (\xNN for stray bytes) -> relative path as bytes. */
  raw: Map<string, Buffer>;
}

function relOf(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

function inside(root: string, real: string): boolean {
  return isInside(root, real, { caseInsensitive: caseInsensitiveAt(root) });
}

/** Classifies one walked or named entry that is not a folder: skipped, or a secret-class file to check for secrets only. */
async function classify(root: string, rel: string, secrets: PathRules, raw?: Buffer): Promise<Skipped | 'secretFile' | undefined> {
  const st = await fs.lstat(raw ? rawJoin(root, raw) : path.join(root, rel));
  if (st.isSymbolicLink()) return { path: rel, reason: 'symlink' };
  if (!st.isFile()) return { path: rel, reason: 'special' };
  if (secretReason(rel)) return 'secretFile';
  // Listed in .tandemignore: the user said never to read it.
  if (secrets.isSecret(rel)) return { path: rel, reason: 'secret' };
  return undefined;
}

/**
 * The files to scan for `paths` (relative to `root`, which must be a real, absolute folder).
 * Throws PathError with a sentence for a path that does not exist or lies outside `root`.
 */
export async function collectFiles(root: string, paths: string[]): Promise<Collected> {
  const secrets = PathRules.forWorkspace(root);
  const files = new Set<string>();
  const secretFiles = new Set<string>();
  const skipped = new Map<string, Skipped>();
  const note = (rel: string, s: Skipped | 'secretFile' | undefined) => {
    if (s === undefined || s === 'secretFile') files.add(rel);
    if (s === 'secretFile') secretFiles.add(rel);
    else if (s) skipped.set(s.path, s);
  };
  const allIgnored: string[] = [];
  const raw = new Map<string, Buffer>();
  const addRaw = async (f: { shown: string; raw?: Buffer }) => {
    const kind = await classify(root, f.shown, secrets, f.raw).catch((err: NodeJS.ErrnoException) => ({ path: f.shown, reason: 'unreadable' as const, detail: err.code ?? err.message }));
    note(f.shown, kind);
    if ((kind === undefined || kind === 'secretFile') && f.raw && !isUtf8(f.raw)) raw.set(f.shown, f.raw);
  };
  const add = async (rel: string) => {
    // A name that is not UTF-8 reached us decoded lossily: found again by its bytes (several may decode alike).
    const found = mayBeRaw(rel) ? await rawPathsOf(root, rel) : [];
    for (const f of found.some((x) => !isUtf8(x.raw)) ? found : [{ shown: rel }]) await addRaw(f);
  };
  for (const given of paths.length ? paths : ['.']) {
    const abs = path.resolve(root, given);
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch {
      throw new PathError(`The path "${given}" does not exist (looked in ${root}). Check the spelling, or pass --cwd to scan from another folder.`);
    }
    const rel = relOf(root, real);
    if (!inside(root, real)) throw new PathError(`The path "${given}" is outside the folder being scanned (${root}). Run tandem guard from a folder that contains it, or pass --cwd.`);
    const st = await fs.stat(real);
    if (!st.isDirectory()) {
      note(rel, await classify(root, rel, secrets));
      continue;
    }
    let seen = 0;
    for await (const e of walk(root, rel, { skipDir: (_r, name) => SKIP_DIRS.has(name) })) {
      seen++;
      if (!e.isDir) await add(e.rel);
      // A folder whose name is not UTF-8 cannot be entered by its decoded name: walked by its bytes.
      else if (mayBeRaw(e.rel.slice(e.rel.lastIndexOf('/') + 1))) {
        for (const d of await rawPathsOf(root, e.rel)) {
          if (isUtf8(d.raw)) continue;
          for await (const f of walkRaw(root, d, SKIP_DIRS)) await addRaw(f);
        }
      }
    }
    if (seen === 0 && (await fs.readdir(real)).some((name) => name !== '.git')) allIgnored.push(rel || '.');
  }
  return { files: [...files].sort(), secretFiles: [...secretFiles].sort(), skipped: [...skipped.values()].sort((a, b) => a.path.localeCompare(b.path)), allIgnored, raw };
}

export type ReadFile = (abs: string) => Promise<Buffer>;

/** The file's text, or why it is not scanned (binary, too large, unreadable). `raw`: the path's bytes when its name is not UTF-8. */
export async function readSource(root: string, rel: string, read: ReadFile = (p) => fs.readFile(p), raw?: Buffer): Promise<{ text: string } | Skipped> {
  let bytes: Buffer;
  const abs = raw ? rawJoin(root, raw) : path.join(root, rel);
  try {
    // Size first: a huge file is not read at all.
    if ((await fs.stat(abs)).size > MAX_FILE_BYTES) return { path: rel, reason: 'tooLarge' };
    bytes = typeof abs === 'string' ? await read(abs) : await fs.readFile(abs);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { path: rel, reason: 'unreadable', detail: e.code ?? e.message };
  }
  if (bytes.length > MAX_FILE_BYTES) return { path: rel, reason: 'tooLarge' };
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return { path: rel, reason: 'binary' };
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
}
