// Owns checkpoints of a workspace: snapshots of its files (tracked and untracked; .gitignore'd files,
// .git, Tandem's own .tandem/ and secret files left out) kept as commits in a shadow git repository
// outside the workspace, listed newest first, compared with the workspace, and restored exactly
// (created files removed, deleted files back, modes and symlinks kept). A snapshot starts two git
// processes — list new files (for the size cap) and `git add --all`, whose index makes it rehash
// only what changed — and writes its tree, commit and ref in-process (gitObjects.ts). The store is
// private to the user: folders 0700, files 0600.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { listRefs, LooseObjects, readIndex, refTarget, writePrivate, type IndexEntry } from './gitObjects';
import { ShadowGit, ShadowGitError } from './shadowGit';
import { ALWAYS_EXCLUDED, changedCount, entriesBefore, keptEntries, type PreImage } from './snapshot';

export type { PreImage } from './snapshot';

export { ShadowGitError as CheckpointError };

/** The id names no checkpoint of this workspace (or is not an id at all). */
export class UnknownCheckpointError extends ShadowGitError {}

export interface CheckpointMeta {
  /** Why it was taken: 'task start', 'edit', 'command', 'before restore', … */
  reason: string;
  task?: string;
  taskId?: string;
  /** The agent step (model call) it follows, 1-based. */
  step?: number;
}

export interface Checkpoint extends CheckpointMeta {
  id: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** Files that differ from the previous checkpoint. */
  files: number;
  /** New files left out because they are larger than the size cap. */
  skipped?: string[];
}

export interface FileChange {
  path: string;
  /** What restoring does to the file: bring back its old content, remove it, or bring it back. */
  action: 'revert' | 'remove' | 'recreate';
}

export interface StoreOptions {
  /** New files larger than this are not snapshotted (default 20 MB). */
  maxFileBytes?: number;
  gitBinary?: string;
}

const REF_PREFIX = 'refs/tandem/checkpoints/';
const EXACT_ATTRIBUTES = '* -text -eol -crlf -filter -ident -working-tree-encoding\n';

/** The state before a change, for a checkpoint taken after it (see take()). */
export interface BeforeState {
  meta: CheckpointMeta;
  /** The files the change touched, as they were before it. */
  preImages: PreImage[];
}

/** What the store remembers of its newest checkpoint (in `last.json` beside the git dir). */
interface Last {
  ref: string;
  commit: string;
  tree: string;
  checkpoint: Checkpoint;
}

/** The folder under `storageRoot` that holds one workspace's shadow repository. */
export function shadowDirFor(storageRoot: string, workspaceRoot: string): string {
  const key = createHash('sha256').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
  return path.join(storageRoot, 'checkpoints', key);
}

/** Makes the folder (and the checkpoints folder above it) private, whatever an older version left. */
async function privateDirs(dirs: string[]): Promise<void> {
  for (const d of dirs) {
    await fs.mkdir(d, { recursive: true, mode: 0o700 });
    await fs.chmod(d, 0o700);
  }
}

export class CheckpointStore {
  private readonly git: ShadowGit;
  private readonly objects: LooseObjects;
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | undefined;
  private readonly maxFileBytes: number;
  private readonly lastFile: string;

  constructor(
    readonly storageRoot: string,
    readonly workspaceRoot: string,
    opts: StoreOptions = {},
  ) {
    const dir = shadowDirFor(storageRoot, workspaceRoot);
    this.git = new ShadowGit(path.join(dir, 'git'), workspaceRoot, opts.gitBinary);
    this.objects = new LooseObjects(this.git.gitDir);
    this.lastFile = path.join(dir, 'last.json');
    this.maxFileBytes = opts.maxFileBytes ?? 20 * 1024 * 1024;
  }

  /** One operation at a time per store: git's index is shared state. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Creates the shadow repository in-process (no `git init`): the files git needs, private to the user. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const dir = this.git.gitDir;
      await privateDirs([path.join(this.storageRoot, 'checkpoints'), path.dirname(dir), dir]);
      const fresh = await fs.access(path.join(dir, 'HEAD')).then(
        () => false,
        () => true,
      );
      if (fresh) {
        for (const sub of ['objects', 'refs/heads', 'refs/tags', 'info']) await fs.mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 });
        await writePrivate(path.join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tsharedRepository = 0600\n');
        await writePrivate(path.join(path.dirname(dir), 'workspace'), this.workspaceRoot + '\n');
        await writePrivate(path.join(dir, 'HEAD'), 'ref: refs/heads/main\n');
      }
      // Byte-exact whatever the workspace's .gitattributes say: no EOL conversion, filter or encoding.
      const attributes = path.join(dir, 'info', 'attributes');
      if ((await fs.readFile(attributes, 'utf8').catch(() => '')) !== EXACT_ATTRIBUTES) await writePrivate(attributes, EXACT_ATTRIBUTES);
      const exclude = path.join(dir, 'info', 'exclude');
      const current = await fs.readFile(exclude, 'utf8').catch(() => '');
      const missing = ALWAYS_EXCLUDED.filter((l) => !current.split('\n').includes(l));
      if (missing.length) await writePrivate(exclude, current + (current && !current.endsWith('\n') ? '\n' : '') + missing.join('\n') + '\n');
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** Leaves new files over the size cap out of this and later snapshots; returns their paths. */
  private async excludeLargeNewFiles(signal?: AbortSignal): Promise<string[]> {
    const out = await this.git.text(['ls-files', '-z', '--others', '--exclude-standard'], { signal });
    const large: string[] = [];
    for (const rel of out.split('\0').filter(Boolean)) {
      const st = await fs.lstat(path.join(this.workspaceRoot, rel)).catch(() => undefined);
      if (st?.isFile() && st.size > this.maxFileBytes) large.push(rel);
    }
    if (large.length) {
      const escaped = large.map((rel) => '/' + rel.replace(/([\\*?[\]!# ])/g, '\\$1'));
      await fs.appendFile(path.join(this.git.gitDir, 'info', 'exclude'), escaped.join('\n') + '\n');
    }
    return large;
  }

  /** Brings the shadow index up to date with the workspace (two git processes) and returns what it holds. */
  private async scan(signal?: AbortSignal): Promise<{ entries: IndexEntry[]; skipped: string[] }> {
    const skipped = await this.excludeLargeNewFiles(signal);
    await this.git.run(['add', '--all', '--ignore-errors', '--', '.'], { signal }).catch((err: unknown) => {
      // --ignore-errors still exits non-zero for unreadable files; what could be added was added.
      if (!(err instanceof ShadowGitError) || !/unable to (index|stat)|Permission denied|warning: could not open/.test(err.message)) throw err;
    });
    const all = await readIndex(this.git.gitDir);
    const entries = keptEntries(all);
    // Secret files an older version added: out of the index, so they are never hashed again.
    if (entries.length !== all.length) {
      const secret = all.filter((e) => !entries.includes(e)).map((e) => e.path);
      await this.git.run(['rm', '--cached', '--quiet', '--ignore-unmatch', '--pathspec-from-file=-', '--pathspec-file-nul'], { input: secret.join('\0') });
    }
    return { entries, skipped };
  }

  /** The newest checkpoint this store made, while its ref still exists. */
  private async last(): Promise<Last | undefined> {
    try {
      const last = JSON.parse(await fs.readFile(this.lastFile, 'utf8')) as Last;
      return (await refTarget(this.git.gitDir, last.ref)) === last.commit ? last : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes one checkpoint (commit and ref) for `entries`, or returns `last` when its tree is the same. */
  private async commit(entries: IndexEntry[], meta: CheckpointMeta, files: number, skipped: string[], last: Last | undefined): Promise<Last> {
    const tree = await this.objects.writeTree(entries);
    if (last && last.tree === tree) return last;
    // Refs sort by time: keep it increasing even within one millisecond.
    const time = Math.max(Date.now(), (last?.checkpoint.time ?? 0) + 1);
    const body: Omit<Checkpoint, 'id'> = { ...meta, time, files, ...(skipped.length ? { skipped } : {}) };
    // No parent: pruning a checkpoint must let git drop what only it kept.
    const commit = await this.objects.writeCommit(tree, undefined, JSON.stringify(body), time);
    const ref = `${REF_PREFIX}${String(time).padStart(15, '0')}-${randomBytes(3).toString('hex')}`;
    await this.objects.writeRef(ref, commit);
    const next: Last = { ref, commit, tree, checkpoint: { id: commit.slice(0, 12), ...body } };
    await writePrivate(this.lastFile, JSON.stringify(next));
    return next;
  }

  /** The entries of the newest checkpoint, from the index when it still matches it (no git process), else from git. */
  private async entriesOf(last: Last | undefined, index: IndexEntry[] | undefined): Promise<IndexEntry[] | undefined> {
    if (!last) return [];
    const kept = index && keptEntries(index);
    if (kept && (await this.objects.hashTree(kept)) === last.tree) return kept;
    const out = await this.git.text(['ls-tree', '-r', '-z', '--full-tree', last.tree]).catch(() => undefined);
    if (out === undefined) return undefined;
    return out.split('\0').filter(Boolean).map((line) => {
      const [info, rel] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const [mode, , sha] = info.split(' ');
      return { path: rel, mode: parseInt(mode, 8), sha, size: 0 };
    });
  }

  /**
   * Snapshots the workspace. When nothing changed since the last checkpoint, that one is returned
   * instead of a new one. With `before`, the state before a change is checkpointed first from the
   * pre-images of the files it touched, so no snapshot is needed before an edit.
   */
  take(meta: CheckpointMeta, signal?: AbortSignal, before?: BeforeState): Promise<Checkpoint & { before?: Checkpoint }> {
    return this.serial(async () => {
      await this.init();
      const index = await readIndex(this.git.gitDir).catch(() => undefined);
      const last = await this.last();
      const { entries, skipped } = await this.scan(signal);
      const previous = await this.entriesOf(last, index);
      const count = (from: IndexEntry[] | undefined, to: IndexEntry[]) => (from ? changedCount(from, to) : to.length);
      let base = last;
      let baseEntries = previous;
      if (before) {
        const known = new Set((previous ?? []).map((e) => e.path));
        const prior = await entriesBefore(this.objects, entries, before.preImages, this.maxFileBytes, known);
        base = await this.commit(prior, before.meta, count(previous, prior), [], last);
        baseEntries = prior;
      }
      const after = await this.commit(entries, meta, count(baseEntries, entries), skipped, base);
      return { ...after.checkpoint, ...(before && base ? { before: base.checkpoint } : {}) };
    });
  }

  private parse(ref: string, commit: string, message: string): Checkpoint {
    let body: Partial<Checkpoint> = {};
    try {
      body = JSON.parse(message.trim()) as Partial<Checkpoint>;
    } catch {
      /* a foreign commit: keep what the ref says */
    }
    const time = typeof body.time === 'number' ? body.time : Number(ref.slice(REF_PREFIX.length).split('-')[0]);
    return { reason: 'checkpoint', files: 0, ...body, time, id: commit.slice(0, 12) };
  }

  /** Every checkpoint of the workspace, newest first. */
  list(): Promise<Checkpoint[]> {
    return this.serial(async () => {
      await this.init();
      const out = await this.git.text(['for-each-ref', '--sort=-refname', '--format=%(refname)%00%(objectname)%00%(contents:subject)%00', REF_PREFIX]);
      const fields = out.split('\0');
      const list: Checkpoint[] = [];
      for (let i = 0; i + 2 < fields.length; i += 3) {
        const ref = fields[i].replace(/^\n/, '');
        if (ref) list.push(this.parse(ref, fields[i + 1], fields[i + 2]));
      }
      return list;
    });
  }

  private async resolve(id: string): Promise<string> {
    if (!/^[0-9a-f]{4,40}$/i.test(id)) throw new UnknownCheckpointError(`"${id}" is not a checkpoint id. Run "tandem checkpoints" to list them.`);
    const out = await this.git.text(['for-each-ref', '--format=%(objectname)', REF_PREFIX]);
    const matches = out.split('\n').filter((c) => c.startsWith(id.toLowerCase()));
    if (matches.length === 0) throw new UnknownCheckpointError(`There is no checkpoint ${id} for this workspace. Run "tandem checkpoints" to list them.`);
    if (matches.length > 1) throw new UnknownCheckpointError(`The id ${id} matches several checkpoints; give more of it.`);
    return matches[0];
  }

  /** What restoring `id` would change in the workspace as it is now. */
  changes(id: string): Promise<FileChange[]> {
    return this.serial(async () => {
      await this.init();
      const commit = await this.resolve(id);
      await this.git.run(['add', '--all', '--ignore-errors', '--', '.']).catch(() => undefined);
      const current = (await this.git.text(['write-tree'])).trim();
      return this.diff(current, commit);
    });
  }

  private async diff(currentTree: string, target: string): Promise<FileChange[]> {
    const out = await this.git.text(['diff-tree', '-r', '-z', '--name-status', '--no-renames', currentTree, `${target}^{tree}`]);
    const f = out.split('\0').filter(Boolean);
    const changes: FileChange[] = [];
    for (let i = 0; i + 1 < f.length; i += 2) {
      const status = f[i];
      changes.push({ path: f[i + 1], action: status === 'A' ? 'recreate' : status === 'D' ? 'remove' : 'revert' });
    }
    return changes;
  }

  /** The content of a file in a checkpoint (undefined when it did not exist there). */
  fileAt(id: string, rel: string): Promise<Buffer | undefined> {
    return this.serial(async () => {
      await this.init();
      const commit = await this.resolve(id);
      try {
        return (await this.git.run(['cat-file', 'blob', `${commit}:${rel}`])).stdout;
      } catch {
        return undefined;
      }
    });
  }

  /**
   * Puts the workspace back to checkpoint `id`. A checkpoint of the current state is taken first,
   * so the restore can itself be undone; it is returned with the files that changed.
   */
  async restore(id: string, meta: Omit<CheckpointMeta, 'reason'> = {}, signal?: AbortSignal): Promise<{ undo: Checkpoint; changed: FileChange[] }> {
    // An unknown or ambiguous id is refused before the undo checkpoint is taken.
    await this.serial(async () => (await this.init(), await this.resolve(id)));
    const undo = await this.take({ ...meta, reason: `before restoring ${id}` }, signal);
    return this.serial(async () => {
      const commit = await this.resolve(id);
      const currentTree = (await this.git.text(['write-tree'])).trim();
      const changed = await this.diff(currentTree, commit);
      // read-tree -u --reset makes the work tree match the checkpoint for every file the shadow index
      // knows: changed files get their old content and mode, files created since are removed.
      await this.git.run(['read-tree', '-u', '--reset', `${commit}^{tree}`], { signal });
      return { undo, changed };
    });
  }

  /** Deletes checkpoints older than `maxAgeDays` and lets git drop what nothing refers to. */
  prune(maxAgeDays: number, now = Date.now()): Promise<number> {
    return this.serial(async () => {
      await this.init();
      const cutoff = now - maxAgeDays * 86_400_000;
      // Listed in-process: after most tasks there is nothing to prune and no git process starts.
      const refs = [...(await listRefs(this.git.gitDir, REF_PREFIX)).keys()];
      const old = refs.filter((ref) => Number(ref.slice(REF_PREFIX.length).split('-')[0]) < cutoff);
      if (old.length === 0) return 0;
      await this.git.run(['update-ref', '--stdin'], { input: old.map((r) => `delete ${r}\n`).join('') });
      await this.git.run(['gc', '--quiet', '--prune=now']);
      return old.length;
    });
  }
}
