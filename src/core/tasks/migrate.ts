// Owns moving the tasks of the old store (one array in the workspace state) into the task history
// folders. Every readable entry is written; an entry already there and as new is left alone (a
// migration cut short runs again safely); an entry that cannot be read is kept where it was, with a
// note, so nothing is ever dropped.
import { validId, type TaskHistory } from './taskHistory';

export interface MigrationResult {
  migrated: number;
  /** Entries that stay in the old store (unreadable, or their write failed). */
  kept: unknown[];
  notes: string[];
}

interface OldTask {
  id: string;
  title: string;
  updated: number;
  items: unknown[];
  session: unknown;
}

function readable(e: unknown): e is OldTask {
  const t = e as Partial<OldTask> | null;
  return !!t && typeof t === 'object' && validId(t.id) && typeof t.title === 'string' && typeof t.updated === 'number' && Number.isFinite(t.updated) && Array.isArray(t.items);
}

export function migrateTasks(history: TaskHistory, entries: unknown): MigrationResult {
  if (!Array.isArray(entries)) return entries === undefined ? { migrated: 0, kept: [], notes: [] } : { migrated: 0, kept: [entries], notes: ['The old task list is not a list; it was left in the workspace state.'] };
  const result: MigrationResult = { migrated: 0, kept: [], notes: [] };
  for (const e of entries) {
    if (!readable(e)) {
      result.kept.push(e);
      result.notes.push('An old stored task could not be read (id, title, date or messages missing); it was left in the workspace state.');
      continue;
    }
    try {
      const there = history.meta(e.id);
      if (!there || there.updated < e.updated) history.save({ id: e.id, title: e.title, created: e.updated, updated: e.updated, items: e.items, session: e.session });
      result.migrated++;
    } catch (err) {
      result.kept.push(e);
      result.notes.push(`The old task "${e.title}" could not be moved to the task history (${(err as Error).message}); it was left in the workspace state.`);
    }
  }
  return result;
}
