// Owns the isolated copy an attempt works in: the workspace's files as they are now (uncommitted
// and untracked changes included, .gitignore'd files left out, dependency folders linked read-only),
// and the attempt's changes as proposed changes against the real files. Which files are not ignored
// is asked of git through a git dir of ours, so any folder works and the user's own repository
// (HEAD, index, stash, branches, worktrees) is never read for state nor written. No content is
// hashed up front: each file's identity (size, times, inode) is noted for the original and the copy,
// so a change in the copy, or in the real file meanwhile, is seen without reading 20,000 files.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ShadowGit } from '../checkpoints/shadowGit';
import { makeChange } from '../edits/proposedChange';
import type { ProposedChange } from '../changes/change';
import { copyFiles } from './copyFiles';

/**
 * Ignored folders an attempt needs to build and test but never edits: linked, not copied (they are
 * often most of a workspace's files). Writes through the link land outside the copy, where the
 * command sandbox makes them read-only and the file tools refuse them.
 */
export const LINKED_DEPENDENCY_DIRS = ['node_modules', '.venv', 'venv'];

export interface WorkspaceListing {
  /** Workspace-relative paths (forward slashes) of the files to copy. */
  files: string[];
  /** Ignored dependency folders present at the root (linked into each copy). */
  linked: string[];
  /** Nested repositories git does not descend into; not copied. */
  skipped: string[];
}

/** The non-ignored files below workTree, listed by a fresh git dir of ours at gitDir. */
async function listNotIgnored(workTree: string, gitDir: string, signal?: AbortSignal): Promise<string[]> {
  const git = new ShadowGit(gitDir, workTree);
  await git.run(['init', '--quiet'], { signal });
  const out = (await git.run(['ls-files', '-z', '--others', '--exclude-standard'], { signal })).stdout.toString('utf8');
  await fs.rm(gitDir, { recursive: true, force: true });
  return out.split('\0').filter(Boolean);
}

export async function listWorkspace(root: string, scratch: string, signal?: AbortSignal): Promise<WorkspaceListing> {
  const entries = await listNotIgnored(root, path.join(scratch, 'list.git'), signal);
  const files = entries.filter((e) => !e.endsWith('/'));
  const skipped = entries.filter((e) => e.endsWith('/'));
  const linked: string[] = [];
  for (const name of LINKED_DEPENDENCY_DIRS) {
    if (files.some((f) => f === name || f.startsWith(`${name}/`))) continue;
    if ((await fs.lstat(path.join(root, name)).catch(() => undefined))?.isDirectory()) linked.push(name);
  }
  return { files, linked, skipped };
}

/** What a path is: type, size, times and inode (undefined when missing). A write changes it. */
async function identity(p: string): Promise<string | undefined> {
  const st = await fs.lstat(p, { bigint: true }).catch(() => undefined);
  return st ? `${st.mode}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : undefined;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function isText(b: Buffer): boolean {
  return !b.subarray(0, 8000).includes(0);
}

export interface AttemptChanges {
  changes: ProposedChange[];
  /** Changed files that cannot be proposed as text (binary files, symbolic links); not brought back. */
  notText: string[];
  /** Files the attempt changed that also changed in the real workspace since the copy was made. */
  conflicts: string[];
  added: number;
  removed: number;
}

export class WorkspaceCopy {
  private constructor(
    /** The copy's root (canonical): the attempt's workspace. */
    readonly root: string,
    private readonly source: string,
    private readonly folder: string,
    /** path → [identity of the original, identity of the copy] when the copy was made. */
    private readonly manifest: Map<string, [string | undefined, string | undefined]>,
    private readonly linked: string[],
  ) {}

  /** Copies the listed files of `source` into `<folder>/work`. */
  static async create(source: string, listing: WorkspaceListing, folder: string, signal?: AbortSignal): Promise<WorkspaceCopy> {
    const root = path.join(folder, 'work');
    await fs.mkdir(root);
    await copyFiles(source, listing.files, root, signal);
    signal?.throwIfAborted();
    for (const name of listing.linked) await fs.symlink(path.join(source, name), path.join(root, name));
    const ids = await mapLimited(listing.files, 64, async (f) => [await identity(path.join(source, f)), await identity(path.join(root, f))] as [string | undefined, string | undefined]);
    const manifest = new Map(listing.files.map((f, i) => [f, ids[i]]));
    for (const [f, [, copied]] of manifest) if (copied === undefined) manifest.delete(f);
    return new WorkspaceCopy(root, source, folder, manifest, listing.linked);
  }

  /** What the attempt changed, as proposed changes against the real files (unchanged since the copy). */
  async changes(signal?: AbortSignal): Promise<AttemptChanges> {
    const listed = (await listNotIgnored(this.root, path.join(this.folder, 'changes.git'), signal)).filter((f) => !f.endsWith('/') && !this.linked.includes(f));
    const candidates = listed.filter((f) => !this.manifest.has(f));
    const known = [...this.manifest.keys()];
    const now = await mapLimited(known, 64, (f) => identity(path.join(this.root, f)));
    known.forEach((f, i) => {
      if (now[i] !== this.manifest.get(f)![1]) candidates.push(f);
    });
    candidates.sort();
    const result: AttemptChanges = { changes: [], notText: [], conflicts: [], added: 0, removed: 0 };
    for (const file of candidates) {
      signal?.throwIfAborted();
      const copyPath = path.join(this.root, file);
      const origPath = path.join(this.source, file);
      const entry = this.manifest.get(file);
      const copyStat = await fs.lstat(copyPath).catch(() => undefined);
      let oldBuf: Buffer | undefined;
      if (entry) {
        if ((await identity(origPath)) !== entry[0]) {
          result.conflicts.push(file);
          continue;
        }
        const origStat = await fs.lstat(origPath);
        if (origStat.isSymbolicLink() || (copyStat && copyStat.isSymbolicLink())) {
          result.notText.push(file);
          continue;
        }
        oldBuf = await fs.readFile(origPath);
      } else if (copyStat?.isSymbolicLink()) {
        result.notText.push(file);
        continue;
      }
      const newBuf = copyStat ? await fs.readFile(copyPath) : undefined;
      if (oldBuf && newBuf && oldBuf.equals(newBuf)) continue;
      if ((oldBuf && !isText(oldBuf)) || (newBuf && !isText(newBuf))) {
        result.notText.push(file);
        continue;
      }
      const kind = !oldBuf ? 'create' : !newBuf ? 'delete' : 'update';
      const change = makeChange({ path: file, kind, oldText: oldBuf?.toString('utf8'), newText: newBuf?.toString('utf8') });
      result.changes.push(change);
      result.added += change.added;
      result.removed += change.removed;
    }
    return result;
  }
}
