// Owns the stored task history of one workspace: one folder per task — meta.json (id, title, dates)
// and task.json (the transcript and the agent's conversation) — and no shared index. Two windows
// writing at once each touch only their own task's files, so nothing is lost (a central index file is
// what drops tasks when two writers race); every write goes to a temporary file first and is renamed
// into place. A damaged entry is skipped with a note and its files are left as they are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../util/atomicWrite';
import { searchable, matchesAll, queryWords } from './taskSearch';

export interface TaskMeta {
  id: string;
  title: string;
  created: number;
  updated: number;
  /** The user named the task: saving the conversation no longer changes its title. */
  named?: boolean;
}

export interface TaskRecord {
  id: string;
  title: string;
  /** When the task started (kept from the first save). */
  created?: number;
  updated: number;
  items: unknown[];
  session: unknown;
  /** What the panel shows beside the conversation and keeps with it (the best-of-k table). */
  panel?: unknown;
}

export interface TaskListing {
  tasks: TaskMeta[];
  /** One sentence per entry that could not be read (skipped, left on disk). */
  notes: string[];
}

export type Outcome<T = true> = { ok: T } | { error: string };

/** Ids name folders: letters, digits, `_` and `-` only, so no id can reach outside the history. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;
export const MAX_TITLE = 2000;

export function validId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** A name as stored: one line, trimmed; an error sentence when it cannot be a name. */
export function cleanTitle(title: string): Outcome<string> {
  // eslint-disable-next-line no-control-regex -- line breaks and control characters would break the one-line list
  const clean = title.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (!clean) return { error: 'A task needs a name: type at least one letter or digit (Escape keeps the old name).' };
  if (clean.length > MAX_TITLE) return { error: `That name is ${clean.length} characters long; a task name can have at most ${MAX_TITLE}.` };
  return { ok: clean };
}

function readMeta(file: string, id: string): TaskMeta | string {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its meta.json is missing' : `meta.json is not valid JSON (${(err as Error).message})`;
  }
  const m = raw as Partial<TaskMeta> | null;
  if (!m || typeof m !== 'object' || m.id !== id || typeof m.title !== 'string' || typeof m.updated !== 'number' || !Number.isFinite(m.updated)) return 'meta.json does not describe this task (id, title or date missing)';
  return { id, title: m.title, created: typeof m.created === 'number' ? m.created : m.updated, updated: m.updated, ...(m.named ? { named: true } : {}) };
}


/** Tells apart two deletions in one millisecond. */
let deleteSeq = 0;

export class TaskHistory {
  /** Searchable text per task, reused while the task's `updated` is unchanged. */
  private readonly texts = new Map<string, { updated: number; text: string }>();

  constructor(readonly root: string) {}

  private dir(id: string): string {
    return path.join(this.root, id);
  }

  /** Every readable task, newest first; unreadable entries become notes. Read from disk each time (another window may have written). */
  list(): TaskListing {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(this.root, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tasks: [], notes: [] };
      return { tasks: [], notes: [`The task history in ${this.root} could not be read (${(err as Error).message}); no task is listed.`] };
    }
    const tasks: TaskMeta[] = [];
    const notes: string[] = [];
    for (const d of names) {
      if (!d.isDirectory() || !validId(d.name)) continue; // temporary files, folders being deleted
      const meta = readMeta(path.join(this.dir(d.name), 'meta.json'), d.name);
      if (typeof meta === 'string') notes.push(`A stored task could not be read and is not listed (${meta}); its files are kept in ${this.dir(d.name)}.`);
      else tasks.push(meta);
    }
    tasks.sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id));
    return { tasks, notes };
  }

  meta(id: string): TaskMeta | undefined {
    if (!validId(id)) return undefined;
    const m = readMeta(path.join(this.dir(id), 'meta.json'), id);
    return typeof m === 'string' ? undefined : m;
  }

  /** The whole task, or why it cannot be opened. */
  get(id: string): Outcome<TaskRecord> {
    const meta = this.meta(id);
    if (!meta) return { error: 'That task is no longer in the history (it may have been deleted in another window).' };
    try {
      const body = JSON.parse(fs.readFileSync(path.join(this.dir(id), 'task.json'), 'utf8')) as { items?: unknown; session?: unknown; panel?: unknown };
      if (!Array.isArray(body.items)) return { error: `The stored conversation of "${meta.title}" is damaged (no messages); its files are kept in ${this.dir(id)}.` };
      return { ok: { id, title: meta.title, created: meta.created, updated: meta.updated, items: body.items, session: body.session, ...(body.panel !== undefined ? { panel: body.panel } : {}) } };
    } catch (err) {
      return { error: `The stored conversation of "${meta.title}" could not be read (${(err as Error).message}); its files are kept in ${this.dir(id)}.` };
    }
  }

  /** Stores the task (its conversation first, then its meta); a name the user gave is kept. */
  save(task: TaskRecord): void {
    if (!validId(task.id)) throw new Error(`"${task.id}" cannot name a stored task.`);
    const dir = this.dir(task.id);
    fs.mkdirSync(dir, { recursive: true });
    const before = this.meta(task.id);
    writeFileAtomicSync(path.join(dir, 'task.json'), JSON.stringify({ items: task.items, session: task.session, ...(task.panel !== undefined ? { panel: task.panel } : {}) }));
    const title = before?.named ? before.title : task.title;
    const meta: TaskMeta = { id: task.id, title, created: before?.created ?? task.created ?? task.updated, updated: task.updated, ...(before?.named ? { named: true } : {}) };
    writeFileAtomicSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
  }

  /** Gives the task a name of the user's; it is read fresh from disk, so a rename elsewhere is never undone here. */
  rename(id: string, title: string): Outcome<TaskMeta> {
    const clean = cleanTitle(title);
    if ('error' in clean) return clean;
    const meta = this.meta(id);
    if (!meta) return { error: 'That task is no longer in the history (it may have been deleted in another window); nothing was renamed.' };
    const next: TaskMeta = { ...meta, title: clean.ok, named: true };
    writeFileAtomicSync(path.join(this.dir(id), 'meta.json'), JSON.stringify(next));
    return { ok: next };
  }

  /** Removes the task's folder: moved aside first (it leaves the list at once), then deleted. */
  delete(id: string): Outcome {
    if (!validId(id) || !fs.existsSync(this.dir(id))) return { error: 'That task is no longer in the history; nothing was deleted.' };
    const aside = path.join(this.root, `.deleting-${process.pid}-${Date.now()}-${++deleteSeq}`);
    try {
      fs.renameSync(this.dir(id), aside);
    } catch (err) {
      return { error: `The task could not be deleted (${(err as Error).message}); it is still in the history.` };
    }
    this.texts.delete(id);
    fs.rmSync(aside, { recursive: true, force: true });
    return { ok: true };
  }

  /** Ids of the tasks whose title or messages contain every word of `query` (any case), newest first. */
  search(query: string, tasks: TaskMeta[] = this.list().tasks): string[] {
    const words = queryWords(query);
    if (words.length === 0) return tasks.map((t) => t.id);
    return tasks.filter((t) => matchesAll(t.title.toLowerCase(), words) || matchesAll(`${t.title.toLowerCase()}\n${this.text(t)}`, words)).map((t) => t.id);
  }

  private text(t: TaskMeta): string {
    const known = this.texts.get(t.id);
    if (known && known.updated === t.updated) return known.text;
    let text = '';
    try {
      const body = JSON.parse(fs.readFileSync(path.join(this.dir(t.id), 'task.json'), 'utf8')) as { items?: unknown };
      text = searchable(body.items);
    } catch {
      // A damaged conversation is still found by its title; opening it says what is wrong.
    }
    this.texts.set(t.id, { updated: t.updated, text });
    return text;
  }
}
