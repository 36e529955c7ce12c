// Owns the isolated copy an attempt works in: the workspace's files as they are now (uncommitted
// and untracked changes included, .gitignore'd files left out, dependency folders linked read-only),
// a snapshot of them in a private git repository outside the copy, and the attempt's changes as
// proposed changes against that snapshot. The user's own repository is only ever read (its file
// list, through a git dir of ours): its HEAD, index, stash, branches and worktrees stay untouched.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ShadowGit } from '../checkpoints/shadowGit';
import { makeChange } from '../edits/proposedChange';
import type { ProposedChange } from '../tools/types';

/**
 * Ignored folders an attempt needs to build and test but never edits: linked, not copied (they are
 * often most of a workspace's files). Writes through the link land outside the copy, where the
 * command sandbox makes them read-only and the file tools refuse them.
 */
export const LINKED_DEPENDENCY_DIRS = ['node_modules', '.venv', 'venv'];

/**
 * Attributes that keep git from rewriting content on add: the snapshot must hold the bytes on disk,
 * since the real workspace's files are compared with it before a change is applied.
 */
const RAW_ATTRIBUTES = '* -text -filter -ident -working-tree-encoding\n';

export interface WorkspaceListing {
  /** Workspace-relative paths (forward slashes) of the files to copy. */
  files: string[];
  /** Ignored dependency folders present at the root (linked into each copy). */
  linked: string[];
  /** Nested repositories git does not descend into; not copied. */
  skipped: string[];
}

async function initGit(gitDir: string, workTree: string): Promise<ShadowGit> {
  const git = new ShadowGit(gitDir, workTree);
  await git.run(['init', '--quiet']);
  await fs.mkdir(path.join(gitDir, 'info'), { recursive: true });
  await fs.writeFile(path.join(gitDir, 'info', 'attributes'), RAW_ATTRIBUTES);
  return git;
}

/** The workspace's non-ignored files, listed by git with a git dir of ours (works in any folder). */
export async function listWorkspace(root: string, scratch: string): Promise<WorkspaceListing> {
  const git = await initGit(path.join(scratch, 'list.git'), root);
  const out = (await git.run(['ls-files', '-z', '--others', '--exclude-standard'])).stdout.toString('utf8');
  const entries = out.split('\0').filter(Boolean);
  const files = entries.filter((e) => !e.endsWith('/'));
  const skipped = entries.filter((e) => e.endsWith('/'));
  const linked: string[] = [];
  for (const name of LINKED_DEPENDENCY_DIRS) {
    if (files.some((f) => f.startsWith(`${name}/`))) continue;
    if ((await fs.lstat(path.join(root, name)).catch(() => undefined))?.isDirectory()) linked.push(name);
  }
  await fs.rm(path.join(scratch, 'list.git'), { recursive: true, force: true });
  return { files, linked, skipped };
}

async function copyEntry(from: string, to: string): Promise<void> {
  const st = await fs.lstat(from).catch(() => undefined);
  // Deleted since it was listed, or not a file any more: the copy is of the workspace as it is.
  if (!st) return;
  if (st.isSymbolicLink()) await fs.symlink(await fs.readlink(from), to);
  else if (st.isFile()) await fs.copyFile(from, to, constants.COPYFILE_FICLONE);
}

/** Runs fn over items, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface AttemptChanges {
  changes: ProposedChange[];
  /** Changed files that cannot be proposed as text (binary, symbolic links); not brought back. */
  notText: string[];
  added: number;
  removed: number;
}

export class WorkspaceCopy {
  private constructor(
    /** The copy's root (canonical): the attempt's workspace. */
    readonly root: string,
    private readonly git: ShadowGit,
    private readonly base: string,
  ) {}

  /** Copies the listed files of `source` into `<folder>/work` and snapshots them in `<folder>/git`. */
  static async create(source: string, listing: WorkspaceListing, folder: string, signal?: AbortSignal): Promise<WorkspaceCopy> {
    const root = path.join(folder, 'work');
    await fs.mkdir(root);
    const dirs = new Set<string>();
    for (const f of listing.files) for (let d = path.posix.dirname(f); d !== '.' && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
    for (const d of [...dirs].sort()) await fs.mkdir(path.join(root, d), { recursive: true });
    await eachLimited(listing.files, 32, async (f) => {
      if (signal?.aborted) return;
      await copyEntry(path.join(source, f), path.join(root, f));
    });
    signal?.throwIfAborted();
    for (const name of listing.linked) await fs.symlink(path.join(source, name), path.join(root, name));
    const git = await initGit(path.join(folder, 'git'), root);
    await git.run(['add', '-A'], { signal });
    const base = (await git.text(['write-tree'])).trim();
    return new WorkspaceCopy(root, git, base);
  }

  /** What the attempt changed, as proposed changes against the snapshot (the real files' content then). */
  async changes(signal?: AbortSignal): Promise<AttemptChanges> {
    await this.git.run(['add', '-A'], { signal });
    const status = (await this.git.run(['diff', '--cached', '--no-renames', '--raw', '-z', this.base], { signal })).stdout.toString('utf8').split('\0');
    const numstat = (await this.git.run(['diff', '--cached', '--no-renames', '--numstat', '-z', this.base], { signal })).stdout.toString('utf8').split('\0');
    const binary = new Set<string>();
    for (const rec of numstat) {
      const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(rec);
      if (m && m[1] === '-') binary.add(m[3]);
    }
    const result: AttemptChanges = { changes: [], notText: [], added: 0, removed: 0 };
    // --raw -z: ":oldmode newmode oldsha newsha STATUS\0path\0" per file.
    for (let i = 0; i + 1 < status.length; i += 2) {
      const meta = status[i].split(' ');
      const file = status[i + 1];
      if (meta.length < 5 || !file) continue;
      const [oldMode, newMode] = [meta[0].slice(1), meta[1]];
      const kind = meta[4].startsWith('A') ? 'create' : meta[4].startsWith('D') ? 'delete' : 'update';
      const isLink = oldMode === '120000' || newMode === '120000';
      if (binary.has(file) || isLink) {
        result.notText.push(file);
        continue;
      }
      const oldText = kind === 'create' ? undefined : await this.git.text(['cat-file', 'blob', `${this.base}:${file}`]);
      const newText = kind === 'delete' ? undefined : await fs.readFile(path.join(this.root, file), 'utf8');
      if (kind === 'update' && oldText === newText) continue;
      const change = makeChange({ path: file, kind, oldText, newText });
      result.changes.push(change);
      result.added += change.added;
      result.removed += change.removed;
    }
    return result;
  }
}
