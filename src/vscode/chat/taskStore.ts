// Owns persisted tasks for the panel: each task (its transcript and the agent's conversation) is kept
// in the workspace's task history folder (core/tasks/taskHistory.ts), so the list survives a reload
// and a task can be continued, renamed, searched or deleted. Tasks the old store kept in the
// workspace state are moved there once. Plain TypeScript: the memento is the only VS Code part.
import type * as vscode from 'vscode';
import { withoutImages } from '../../core/context/images';
import type { Message } from '../../core/llm/provider';
import { migrateTasks } from '../../core/tasks/migrate';
import { TaskHistory, type Outcome, type TaskMeta } from '../../core/tasks/taskHistory';
import { AttemptsView, type ChatItem } from '../../protocol/messages';

export interface StoredTask {
  id: string;
  title: string;
  updated: number;
  items: ChatItem[];
  session: unknown;
  /** The best-of-k table of the task's last run, shown again when the task is reopened. */
  attempts?: AttemptsView;
}

export type TaskSummary = { id: string; title: string; updated: number };

/** Where the old store kept every task in one array. */
export const OLD_KEY = 'tandem.tasks';

export class TaskStore {
  readonly history: TaskHistory;
  private readonly migrationNotes: string[] = [];
  /** Why the last get() found nothing. */
  lastProblem = 'That task is no longer stored.';

  constructor(dir: string, memento?: Pick<vscode.Memento, 'get' | 'update'>) {
    this.history = new TaskHistory(dir);
    if (memento) this.migrate(memento);
  }

  private migrate(memento: Pick<vscode.Memento, 'get' | 'update'>): void {
    const old = memento.get<unknown>(OLD_KEY);
    if (old === undefined) return;
    const result = migrateTasks(this.history, old);
    this.migrationNotes.push(...result.notes);
    // Only what was written leaves the old store; the rest stays there untouched.
    if (result.migrated > 0 || result.kept.length === 0)
      Promise.resolve(memento.update(OLD_KEY, result.kept.length ? result.kept : undefined)).catch((err: unknown) => this.migrationNotes.push(`The moved tasks are still in the workspace state too (${(err as Error).message}); they are not lost.`));
  }

  list(): TaskSummary[] {
    return this.listing().tasks;
  }

  /** The tasks for the panel, and a note for every stored entry that could not be read. */
  listing(): { tasks: TaskSummary[]; historyNotes: string[] } {
    const { tasks, notes } = this.history.list();
    return { tasks: tasks.map(({ id, title, updated }) => ({ id, title, updated })), historyNotes: [...this.migrationNotes, ...notes] };
  }

  get(id: string): StoredTask | undefined {
    const got = this.history.get(id);
    if ('error' in got) {
      this.lastProblem = got.error;
      return undefined;
    }
    const t = got.ok;
    const attempts = (t.panel as { attempts?: unknown } | undefined)?.attempts;
    const parsed = attempts === undefined ? undefined : AttemptsView.safeParse(attempts);
    return { id: t.id, title: t.title, updated: t.updated, items: t.items as ChatItem[], session: t.session, ...(parsed?.success ? { attempts: parsed.data } : {}) };
  }

  save(task: StoredTask): void {
    const s = task.session as { messages?: unknown } | undefined;
    if (s && Array.isArray(s.messages)) task = { ...task, session: withoutImages(s as { messages: Message[] }) };
    const { attempts, ...rest } = task;
    try {
      this.history.save({ ...rest, ...(attempts ? { panel: { attempts } } : {}) });
    } catch (err) {
      throw new Error(`the task could not be saved in ${this.history.root} (${(err as Error).message})`);
    }
  }

  rename(id: string, title: string): Outcome<TaskMeta> {
    return this.history.rename(id, title);
  }

  delete(id: string): Outcome {
    return this.history.delete(id);
  }

  search(query: string): string[] {
    return this.history.search(query);
  }
}
