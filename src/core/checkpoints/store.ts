// Owns checkpoints of a workspace: snapshots of its files (tracked and untracked; .gitignore'd files,
// .git and Tandem's own .tandem/ left out) kept as commits in a shadow git repository outside the
// workspace, listed newest first, compared with the workspace, and restored exactly (created files
// removed, deleted files back, modes and symlinks kept). git's index makes a snapshot after one edit
// rehash only what changed; its object store keeps each file content once.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ShadowGit, ShadowGitError } from './shadowGit';

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
/** Never stored: Tandem's folder, nested repositories, and secret files (a checkpoint is not a second copy of .env). */
const ALWAYS_EXCLUDED = ['/.tandem/', '.git', '.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template', '*.pem', '*.key', '*.p12', '*.pfx', 'id_rsa*', 'id_ed25519*', 'id_ecdsa*', '.netrc', '.npmrc', '.pypirc', '.git-credentials'];

/** The folder under `storageRoot` that holds one workspace's shadow repository. */
export function shadowDirFor(storageRoot: string, workspaceRoot: string): string {
  const key = createHash('sha256').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
  return path.join(storageRoot, 'checkpoints', key);
}

export class CheckpointStore {
  private readonly git: ShadowGit;
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | undefined;
  private readonly maxFileBytes: number;

  constructor(
    readonly storageRoot: string,
    readonly workspaceRoot: string,
    opts: StoreOptions = {},
  ) {
    this.git = new ShadowGit(path.join(shadowDirFor(storageRoot, workspaceRoot), 'git'), workspaceRoot, opts.gitBinary);
    this.maxFileBytes = opts.maxFileBytes ?? 20 * 1024 * 1024;
  }

  /** One operation at a time per store: git's index is shared state. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      const dir = this.git.gitDir;
      // Only the user can enter the store: it holds copies of their files (0700 folders, 0600 files).
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      for (let d = dir, i = 0; i < 3; i++, d = path.dirname(d)) await fs.chmod(d, 0o700).catch(() => undefined);
      try {
        await fs.access(path.join(dir, 'HEAD'));
      } catch {
        await this.git.run(['init', '--quiet', '--bare', '--shared=0600', dir], { cwd: dir, env: { GIT_DIR: undefined, GIT_WORK_TREE: undefined } });
        await this.git.run(['config', 'core.bare', 'false']);
        await fs.writeFile(path.join(path.dirname(dir), 'workspace'), this.workspaceRoot + '\n', { mode: 0o600 });
      }
      await fs.mkdir(path.join(dir, 'info'), { recursive: true });
      const exclude = path.join(dir, 'info', 'exclude');
      const current = await fs.readFile(exclude, 'utf8').catch(() => '');
      const missing = ALWAYS_EXCLUDED.filter((l) => !current.split('\n').includes(l));
      if (missing.length) await fs.appendFile(exclude, (current && !current.endsWith('\n') ? '\n' : '') + missing.join('\n') + '\n');
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** Leaves new files over the size cap out of this and later snapshots; returns their paths. */
  private async excludeLargeNewFiles(): Promise<string[]> {
    const out = await this.git.text(['ls-files', '-z', '--others', '--exclude-standard']);
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

  private async latestRef(): Promise<{ ref: string; commit: string } | undefined> {
    const out = await this.git.text(['for-each-ref', '--sort=-refname', '--count=1', '--format=%(refname) %(objectname)', REF_PREFIX]);
    const [ref, commit] = out.trim().split(' ');
    return ref && commit ? { ref, commit } : undefined;
  }

  /**
   * Snapshots the workspace. When nothing changed since the last checkpoint, that one is returned
   * instead of a new one.
   */
  take(meta: CheckpointMeta, signal?: AbortSignal): Promise<Checkpoint> {
    return this.serial(async () => {
      await this.init();
      const skipped = await this.excludeLargeNewFiles();
      await this.git.run(['add', '--all', '--ignore-errors', '--', '.'], { signal }).catch((err: unknown) => {
        // --ignore-errors still exits non-zero for unreadable files; what could be added was added.
        if (!(err instanceof ShadowGitError) || !/unable to (index|stat)|Permission denied|warning: could not open/.test(err.message)) throw err;
      });
      const tree = (await this.git.text(['write-tree'])).trim();
      const latest = await this.latestRef();
      if (latest) {
        const prevTree = (await this.git.text(['rev-parse', `${latest.commit}^{tree}`])).trim();
        if (prevTree === tree) return this.parse(latest.ref, latest.commit, await this.git.text(['show', '-s', '--format=%B', latest.commit]));
      }
      const files = latest ? (await this.git.text(['diff-tree', '-r', '--name-only', '-z', '--no-renames', `${latest.commit}^{tree}`, tree])).split('\0').filter(Boolean).length : (await this.git.text(['ls-tree', '-r', '-z', '--name-only', tree])).split('\0').filter(Boolean).length;
      const time = Date.now();
      const body: Omit<Checkpoint, 'id'> = { ...meta, time, files, ...(skipped.length ? { skipped } : {}) };
      const commit = (await this.git.text(['commit-tree', tree, '-m', JSON.stringify(body)])).trim();
      const ref = `${REF_PREFIX}${String(time).padStart(15, '0')}-${randomBytes(3).toString('hex')}`;
      await this.git.run(['update-ref', ref, commit]);
      return { id: commit.slice(0, 12), ...body };
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
      const out = await this.git.text(['for-each-ref', '--format=%(refname)', REF_PREFIX]);
      const old = out.split('\n').filter((ref) => ref && Number(ref.slice(REF_PREFIX.length).split('-')[0]) < cutoff);
      if (old.length === 0) return 0;
      await this.git.run(['update-ref', '--stdin'], { input: old.map((r) => `delete ${r}\n`).join('') });
      await this.git.run(['gc', '--quiet', '--prune=now']);
      return old.length;
    });
  }
}
