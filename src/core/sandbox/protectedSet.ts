// Owns "what runs later is shown now": the files that run on folder-open, on entering the folder or
// on the next git (hooks, .git/config and commondir, a `.git` file, .vscode tasks/settings/launch,
// workflows, .envrc, AGENTS.md, devcontainer, husky) are read before and after each command, and
// every creation, change or removal is reported with what it was before, so it can be undone.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Single files of the protected set (workspace-relative). */
const FILES = [
  '.git', '.git/config', '.git/commondir', '.git/info/attributes', '.git/info/exclude', '.gitattributes', '.gitmodules',
  '.vscode/tasks.json', '.vscode/settings.json', '.vscode/launch.json', '.vscode/extensions.json', '.envrc', 'AGENTS.md', 'CLAUDE.md',
  '.devcontainer/devcontainer.json', '.devcontainer.json', '.pre-commit-config.yaml', '.gitlab-ci.yml',
];
/** Folders whose every file (one level) belongs to the set. */
const FOLDERS = ['.git/hooks', '.github/workflows', '.husky', '.devcontainer', '.circleci'];
/** Bytes kept per file for Undo; a larger file is compared by size and time only and cannot be undone. */
const MAX_KEPT = 1024 * 1024;

export interface ProtectedFile {
  /** Content, or undefined when the file was too large to keep. */
  data?: Buffer;
  /** What it is: kind, size and modification time (to tell a change of a large file). */
  stamp: string;
  mode: number;
}

export type ProtectedSnapshot = Map<string, ProtectedFile>;

export interface ProtectedChange {
  rel: string;
  kind: 'created' | 'changed' | 'removed';
  /** The content before (undefined for created, or when too large to keep). */
  before?: Buffer;
  beforeMode?: number;
  /** True when Undo can put the file back exactly. */
  undoable: boolean;
}

async function readOne(abs: string): Promise<ProtectedFile | undefined> {
  const st = await fs.lstat(abs).catch(() => undefined);
  if (!st) return undefined;
  const stamp = `${st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file'}:${st.size}:${st.mtimeMs}:${st.mode}`;
  const mode = st.mode & 0o7777;
  if (st.isSymbolicLink()) return { stamp: `${stamp}:${await fs.readlink(abs).catch(() => '')}`, mode };
  // A folder (.git itself) counts by kind only: what changes inside is listed apart.
  if (st.isDirectory()) return { stamp: 'dir', mode };
  if (!st.isFile()) return { stamp, mode };
  const data = st.size <= MAX_KEPT ? await fs.readFile(abs).catch(() => undefined) : undefined;
  return data ? { data, stamp, mode } : { stamp, mode };
}

/** Reads the protected set of a workspace now. */
export async function snapshotProtected(root: string): Promise<ProtectedSnapshot> {
  const rels = [...FILES];
  await Promise.all(FOLDERS.map(async (dir) => {
    const names = await fs.readdir(path.join(root, dir)).catch(() => [] as string[]);
    for (const n of names.slice(0, 200)) rels.push(`${dir}/${n}`);
  }));
  const out: ProtectedSnapshot = new Map();
  await Promise.all(rels.map(async (rel) => {
    const f = await readOne(path.join(root, rel));
    if (f) out.set(rel, f);
  }));
  return out;
}

const same = (a: ProtectedFile, b: ProtectedFile) => (a.data && b.data ? a.data.equals(b.data) && a.mode === b.mode && a.stamp.split(':')[0] === b.stamp.split(':')[0] : a.stamp === b.stamp);

/** What changed between two snapshots, sorted by path. */
export function diffProtected(before: ProtectedSnapshot, after: ProtectedSnapshot): ProtectedChange[] {
  const out: ProtectedChange[] = [];
  for (const [rel, a] of after) {
    const b = before.get(rel);
    if (!b) out.push({ rel, kind: 'created', undoable: true });
    else if (!same(b, a)) out.push({ rel, kind: 'changed', ...(b.data ? { before: b.data } : {}), beforeMode: b.mode, undoable: b.data !== undefined });
  }
  for (const [rel, b] of before) if (!after.has(rel)) out.push({ rel, kind: 'removed', ...(b.data ? { before: b.data } : {}), beforeMode: b.mode, undoable: b.data !== undefined });
  return out.sort((x, y) => x.rel.localeCompare(y.rel));
}

/** Puts the protected files back as they were (created ones removed); returns the paths it could not undo. */
export async function undoProtected(root: string, changes: ProtectedChange[]): Promise<string[]> {
  const failed: string[] = [];
  for (const c of changes) {
    const abs = path.join(root, c.rel);
    try {
      if (c.kind === 'created') await fs.rm(abs, { recursive: true, force: true });
      else if (c.before) {
        await fs.rm(abs, { recursive: true, force: true });
        await fs.mkdir(path.dirname(abs), { recursive: true });
        await fs.writeFile(abs, c.before, { mode: c.beforeMode ?? 0o644 });
        await fs.chmod(abs, c.beforeMode ?? 0o644);
      } else failed.push(c.rel);
    } catch {
      failed.push(c.rel);
    }
  }
  return failed;
}

/** One line for the model and the terminal. */
export function describeProtectedChanges(changes: ProtectedChange[]): string {
  return changes.map((c) => `${c.rel} (${c.kind})`).join(', ');
}
