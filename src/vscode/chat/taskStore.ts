// Owns persisted tasks: each panel task (its transcript and the agent's conversation) is kept in the
// workspace's state, so the list of past tasks survives a reload and a task can be continued.
import type * as vscode from 'vscode';
import { withoutImages } from '../../core/context/images';
import type { Message } from '../../core/llm/provider';
import type { ChatItem } from '../../protocol/messages';

export interface StoredTask {
  id: string;
  title: string;
  updated: number;
  items: ChatItem[];
  session: unknown;
}

const KEY = 'tandem.tasks';
const MAX_TASKS = 50;

export class TaskStore {
  constructor(private readonly memento: vscode.Memento) {}

  private all(): StoredTask[] {
    return this.memento.get<StoredTask[]>(KEY, []);
  }

  list(): Array<{ id: string; title: string; updated: number }> {
    return this.all()
      .map(({ id, title, updated }) => ({ id, title, updated }))
      .sort((a, b) => b.updated - a.updated);
  }

  get(id: string): StoredTask | undefined {
    return this.all().find((t) => t.id === id);
  }

  save(task: StoredTask): void {
    const rest = this.all().filter((t) => t.id !== task.id);
    const s = task.session as { messages?: unknown } | undefined;
    if (s && Array.isArray(s.messages)) task = { ...task, session: withoutImages(s as { messages: Message[] }) };
    const next = [task, ...rest].sort((a, b) => b.updated - a.updated).slice(0, MAX_TASKS);
    void this.memento.update(KEY, next);
  }
}
