// Owns the git plumbing a checkpoint needs, done in-process instead of by starting git: reading the
// shadow index after `git add` (format versions 2 and 3), writing blobs, trees and commits as loose
// objects, and checkpoint refs as loose ref files. What this writes is ordinary git data: `git
// read-tree`, `cat-file`, `for-each-ref` and `gc` read it like their own. Every file and folder made
// here is private to the user (0600/0700): a checkpoint holds the workspace's source.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';

export interface IndexEntry {
  path: string;
  /** Git's mode: 0o100644, 0o100755, 0o120000 (symlink) or 0o160000 (nested repository). */
  mode: number;
  /** 40 hex digits. */
  sha: string;
  /** The file's size when it was added (truncated to 32 bits, as git stores it). */
  size: number;
}

export class UnsupportedIndexError extends Error {}

/** The stage-0 entries of a git index file, in index order. Throws UnsupportedIndexError for formats other than 2 and 3. */
export function parseIndex(buf: Buffer): IndexEntry[] {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') throw new UnsupportedIndexError('not a git index');
  const version = buf.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new UnsupportedIndexError(`git index version ${version}`);
  const count = buf.readUInt32BE(8);
  const entries: IndexEntry[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    const start = at;
    if (start + 62 > buf.length) throw new UnsupportedIndexError('truncated git index');
    const mode = buf.readUInt32BE(start + 24);
    const size = buf.readUInt32BE(start + 36);
    const sha = buf.toString('hex', start + 40, start + 60);
    const flags = buf.readUInt16BE(start + 60);
    let pathStart = start + 62;
    if (version === 3 && flags & 0x4000) pathStart += 2;
    const nul = buf.indexOf(0, pathStart);
    if (nul < 0) throw new UnsupportedIndexError('truncated git index');
    const rel = buf.toString('utf8', pathStart, nul);
    // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
    at = start + ((nul - start + 8) & ~7);
    if (((flags >> 12) & 3) === 0) entries.push({ path: rel, mode, sha, size });
  }
  return entries;
}

/** Reads `<gitDir>/index`; an absent index is empty. */
export async function readIndex(gitDir: string): Promise<IndexEntry[]> {
  const buf = await fs.readFile(path.join(gitDir, 'index')).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  return buf ? parseIndex(buf) : [];
}

function objectId(type: string, body: Buffer): { sha: string; raw: Buffer } {
  const raw = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
  return { sha: createHash('sha1').update(raw).digest('hex'), raw };
}

/** Writes `dest` atomically with mode 0600, creating its folder (0700). */
export async function writePrivate(dest: string, data: Buffer | string): Promise<void> {
  await fs.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = `${dest}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, data, { mode: 0o600 });
  await fs.rename(tmp, dest);
}

/** The object store of one shadow repository, written without starting git. */
export class LooseObjects {
  constructor(readonly gitDir: string) {}

  /** Hashes without writing. */
  static hash(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
    return objectId(type, body).sha;
  }

  /** Writes the object unless it is there already (packed objects are rewritten loose: harmless, gc packs them). */
  async write(type: 'blob' | 'tree' | 'commit', body: Buffer): Promise<string> {
    const { sha, raw } = objectId(type, body);
    const file = path.join(this.gitDir, 'objects', sha.slice(0, 2), sha.slice(2));
    const there = await fs.access(file).then(
      () => true,
      () => false,
    );
    if (!there) await writePrivate(file, deflateSync(raw));
    return sha;
  }

  /** Writes the trees for a flat list of entries; returns the root tree's id. */
  async writeTree(entries: Iterable<IndexEntry>): Promise<string> {
    return this.tree(nest(entries), true);
  }

  /** The root tree's id without writing anything (to compare with an earlier snapshot). */
  async hashTree(entries: Iterable<IndexEntry>): Promise<string> {
    return this.tree(nest(entries), false);
  }

  private async tree(dir: Dir, write: boolean): Promise<string> {
    const items: Array<{ name: string; key: Buffer; mode: string; sha: string }> = [];
    for (const [name, child] of dir) {
      if ('sha' in child) items.push({ name, key: Buffer.from(name), mode: child.mode.toString(8), sha: child.sha });
      else items.push({ name, key: Buffer.from(`${name}/`), mode: '40000', sha: await this.tree(child, write) });
    }
    // Git orders tree entries by name, a folder's name compared as if it ended in '/'.
    items.sort((a, b) => Buffer.compare(a.key, b.key));
    const body = Buffer.concat(items.flatMap((i) => [Buffer.from(`${i.mode} ${i.name}\0`), Buffer.from(i.sha, 'hex')]));
    return write ? this.write('tree', body) : LooseObjects.hash('tree', body);
  }

  /** Writes a commit by Tandem at `time` (ms) with `message`. */
  writeCommit(tree: string, parent: string | undefined, message: string, time: number): Promise<string> {
    const who = `Tandem <checkpoints@tandem.invalid> ${Math.floor(time / 1000)} +0000`;
    const text = `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author ${who}\ncommitter ${who}\n\n${message}\n`;
    return this.write('commit', Buffer.from(text));
  }

  /** Points a ref (e.g. refs/tandem/checkpoints/…) at a commit: a loose ref file. */
  async writeRef(ref: string, commit: string): Promise<void> {
    await writePrivate(path.join(this.gitDir, ...ref.split('/')), `${commit}\n`);
  }
}

type Dir = Map<string, Dir | IndexEntry>;

function nest(entries: Iterable<IndexEntry>): Dir {
  const root: Dir = new Map();
  for (const e of entries) {
    const parts = e.path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.get(part);
      if (!next || 'sha' in next) dir.set(part, (next = new Map()));
      dir = next;
    }
    dir.set(parts[parts.length - 1], e);
  }
  return root;
}

/** Loose refs under `prefix` (e.g. refs/tandem/checkpoints/) plus those in packed-refs: name -> commit. */
export async function listRefs(gitDir: string, prefix: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  const packed = await fs.readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    const m = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (m && m[2].startsWith(prefix)) refs.set(m[2], m[1]);
  }
  const dir = path.join(gitDir, ...prefix.split('/').filter(Boolean));
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith('.lock') || name.endsWith('.tmp')) continue;
    const sha = (await fs.readFile(path.join(dir, name), 'utf8').catch(() => '')).trim();
    if (/^[0-9a-f]{40}$/.test(sha)) refs.set(prefix + name, sha);
  }
  return refs;
}

/** The commit one ref points at (its loose file, else packed-refs), or undefined. */
export async function refTarget(gitDir: string, ref: string): Promise<string | undefined> {
  const loose = (await fs.readFile(path.join(gitDir, ...ref.split('/')), 'utf8').catch(() => '')).trim();
  if (/^[0-9a-f]{40}$/.test(loose)) return loose;
  const packed = await fs.readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
  return packed.split('\n').find((l) => l.endsWith(` ${ref}`))?.slice(0, 40);
}
