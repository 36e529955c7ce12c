// Owns the conversation of one agent task thread: messages kept in memory across follow-up turns,
// running usage totals, and a JSON form so the panel can persist and restore tasks.
import type { Message } from '../llm/provider';
import type { Plan } from '../tools/updatePlan';

export interface SessionJson {
  version: 1;
  id: string;
  createdAt: string;
  turns: number;
  compactions?: number;
  messages: Message[];
  usage: { inputTokens: number; outputTokens: number };
  /** The agent's checklist (update_plan), if it made one. */
  plan?: Plan;
}

export class Session {
  messages: Message[] = [];
  turns = 0;
  usage = { inputTokens: 0, outputTokens: 0 };
  /** How often the history was replaced (compaction): positions recorded before it no longer hold. */
  compactions = 0;
  /** The agent's checklist (update_plan): kept across compaction and when the task is stored. */
  plan: Plan | undefined;
  private readonly callIds = new Set<string>();

  constructor(
    readonly id: string = `task-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    readonly createdAt: string = new Date().toISOString(),
  ) {}

  push(...messages: Message[]): void {
    for (const m of messages) {
      if (m.role === 'assistant') for (const c of m.toolCalls ?? []) this.callIds.add(c.id);
      this.messages.push(m);
    }
  }

  /** Replaces the history (after compaction). */
  replace(messages: Message[]): void {
    this.messages = [];
    this.compactions += 1;
    this.push(...messages);
  }

  /**
   * Replaces message contents without changing their number or order (eliding acted-on content):
   * positions recorded before stay valid, so this is not counted as a compaction.
   */
  rewrite(messages: Message[]): void {
    if (messages.length !== this.messages.length) throw new Error('Session.rewrite must keep the number of messages.');
    this.messages = messages;
  }

  /** Drops every message from index `count` on (rewinding the conversation). */
  truncate(count: number): void {
    this.messages = this.messages.slice(0, count);
    this.callIds.clear();
    for (const m of this.messages) if (m.role === 'assistant') for (const c of m.toolCalls ?? []) this.callIds.add(c.id);
  }

  /** True when a tool call id was already used anywhere in this conversation. */
  hasCallId(id: string): boolean {
    return this.callIds.has(id);
  }

  toJSON(): SessionJson {
    return { version: 1, id: this.id, createdAt: this.createdAt, turns: this.turns, compactions: this.compactions, messages: this.messages, usage: { ...this.usage }, ...(this.plan ? { plan: this.plan } : {}) };
  }

  static fromJSON(json: SessionJson | string): Session {
    const data = typeof json === 'string' ? (JSON.parse(json) as SessionJson) : json;
    if (data?.version !== 1 || !Array.isArray(data.messages)) throw new Error('This saved task has an unknown format and cannot be restored.');
    const s = new Session(data.id, data.createdAt);
    s.turns = data.turns ?? 0;
    s.compactions = data.compactions ?? 0;
    s.usage = { inputTokens: data.usage?.inputTokens ?? 0, outputTokens: data.usage?.outputTokens ?? 0 };
    if (Array.isArray(data.plan?.steps)) s.plan = data.plan;
    s.push(...data.messages);
    return s;
  }
}
