// Owns the panel's task history actions — rename, delete, search — and "New task" while a task runs:
// the panel asks first; Yes stops the task (the approver rejects its pending changes and denies its
// commands on stop, so nothing is written), waits until its conversation is saved, then opens a
// fresh task; No changes nothing. Plain TypeScript (no `vscode`): the controller passes in a host.
import type { PanelState } from '../../protocol/messages';
import type { TaskSearchResults } from '../../protocol/history';
import type { MessageHandlers } from './messageRouter';
import type { TaskStore } from './taskStore';

export interface HistoryHost {
  state(): PanelState;
  update(mut: (s: PanelState) => void): void;
  refuse(message: string): false;
  /** Stops the running turn (Stop). */
  stop(): void;
  /** Opens a fresh task; the current one must not be running. */
  startFresh(): boolean;
  /** Calls `listener` on every state change until disposed. */
  onState(listener: (s: PanelState) => void): { dispose(): void };
}

type Handled = 'renameTask' | 'deleteTask' | 'searchTasks' | 'answerNewTask';

/** What the panel asks before stopping a running task for a new one. */
export function newTaskQuestion(s: PanelState): string {
  const n = s.changes.length;
  const pending = n === 0 && s.decisions.length === 0 ? 'It is stopped' : n === 1 ? 'Its pending change will be rejected' : n > 1 ? `Its ${n} pending changes will be rejected` : 'Its waiting command will not run';
  return `Stop the current task and start a new one? ${pending}; nothing is written. Its conversation stays in the history.`;
}

export class TaskHistoryFlow {
  private readonly listeners = new Set<(m: TaskSearchResults) => void>();

  constructor(
    private readonly host: HistoryHost,
    /** A getter: the controller makes this flow before its own fields are set. */
    private readonly tasks: () => TaskStore,
  ) {}

  private get store(): TaskStore {
    return this.tasks();
  }

  /** Search results for the panel (the chat view posts them). */
  onDidPost(listener: (m: TaskSearchResults) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** New task (button, command, /new): at once when idle, else the panel asks. */
  newTask(): boolean {
    const s = this.host.state();
    if (!s.running) return this.host.startFresh();
    const asking = !s.newTaskQuestion;
    this.host.update((st) => (st.newTaskQuestion = newTaskQuestion(st)));
    // The task ended by itself meanwhile: the question no longer holds (New task now acts at once).
    if (asking) void this.idle().then(() => this.host.state().newTaskQuestion && this.host.update((st) => (st.newTaskQuestion = undefined)));
    return true;
  }

  private async answerNewTask(stop: boolean): Promise<boolean> {
    if (!this.host.state().newTaskQuestion) return this.host.refuse('No question about a new task is waiting.');
    this.host.update((s) => (s.newTaskQuestion = undefined));
    if (!stop) return true;
    if (this.host.state().running) {
      const idle = this.idle();
      this.host.stop();
      await idle;
    }
    return this.host.startFresh();
  }

  /** Resolves once the running turn has ended (its conversation is saved in the same step). */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const sub = this.host.onState((s) => {
        if (s.running) return;
        sub.dispose();
        resolve();
      });
    });
  }

  private refreshList(): void {
    this.host.update((s) => Object.assign(s, this.store.listing()));
  }

  private rename(taskId: string, title: string): boolean {
    const done = this.store.rename(taskId, title);
    if ('error' in done) {
      this.refreshList();
      return this.host.refuse(done.error);
    }
    this.host.update((s) => {
      if (s.taskId === taskId) s.title = done.ok.title;
      Object.assign(s, this.store.listing());
    });
    return true;
  }

  private delete(taskId: string): boolean {
    const s = this.host.state();
    if (s.taskId === taskId && s.running) return this.host.refuse('This task is running: stop it before deleting it.');
    const done = this.store.delete(taskId);
    this.refreshList();
    if ('error' in done) return this.host.refuse(done.error);
    // The open task is gone: the panel moves to a fresh one (nothing would save it back).
    return s.taskId === taskId ? this.host.startFresh() : true;
  }

  /** Also re-reads the list: the history view asks on opening, and another window may have changed it. */
  private search(query: string, seq: number): boolean {
    this.refreshList();
    const ids = this.store.search(query);
    for (const l of this.listeners) l({ type: 'taskSearchResults', seq, ids });
    return true;
  }

  readonly handlers: Pick<MessageHandlers, Handled> = {
    renameTask: (m) => this.rename(m.taskId, m.title),
    deleteTask: (m) => this.delete(m.taskId),
    searchTasks: (m) => this.search(m.query, m.seq),
    answerNewTask: (m) => this.answerNewTask(m.stop),
  };
}
