// Owns the messages the user types while a turn runs: they wait here (shown as queued, removable)
// and the loop delivers all waiting ones as user messages at the start of its next step — or, when
// the model has just answered, goes on for one more step to read them.

export interface QueuedMessage {
  id: string;
  text: string;
}

let seq = 0;

export class MessageQueue {
  private items: QueuedMessage[] = [];
  private readonly listeners = new Set<(items: readonly QueuedMessage[]) => void>();

  /** Queues a message; returns it with its id (for removal). Empty text is refused. */
  add(text: string): QueuedMessage {
    if (!text.trim()) throw new Error('An empty message cannot be queued.');
    const item = { id: `q${Date.now().toString(36)}${++seq}`, text };
    this.items.push(item);
    this.changed();
    return item;
  }

  /** Takes a message out before it is delivered; false when it is gone (delivered or removed). */
  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((m) => m.id !== id);
    if (this.items.length === before) return false;
    this.changed();
    return true;
  }

  list(): readonly QueuedMessage[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  /** Removes and returns every waiting message, oldest first. */
  drain(): QueuedMessage[] {
    const out = this.items;
    if (out.length === 0) return out;
    this.items = [];
    this.changed();
    return out;
  }

  clear(): void {
    if (this.items.length) this.drain();
  }

  /** Called with the waiting messages whenever they change; returns the unsubscribe function. */
  onChange(listener: (items: readonly QueuedMessage[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l(this.items);
  }
}
