// Owns drawing the conversation's items without re-creating the ones that did not change. The panel
// gets a whole new state at every streamed chunk; rebuilding every node each time made the answer
// flicker, lost the focus and text selection in earlier items and reset what the user had opened.
// An item whose signature is unchanged keeps its node; a streaming answer keeps its element and only
// its content is replaced; nodes are moved only when out of place.
export class KeyedList<T extends { id: string }> {
  private cache = new Map<string, { sig: string; node: HTMLElement }>();

  constructor(
    private readonly host: HTMLElement,
    /** Draws an item afresh. */
    private readonly draw: (item: T, n: number) => HTMLElement,
    /** Updates `node` in place for a changed item; false when it cannot (a new node is drawn). */
    private readonly patch: (item: T, node: HTMLElement, n: number) => boolean,
  ) {}

  render(items: readonly T[], sig: (item: T, n: number) => string): void {
    const next = new Map<string, { sig: string; node: HTMLElement }>();
    const nodes = items.map((item, n) => {
      const s = sig(item, n);
      const old = this.cache.get(item.id);
      const node = old && !next.has(item.id) && (old.sig === s || this.patch(item, old.node, n)) ? old.node : this.draw(item, n);
      next.set(item.id, { sig: s, node });
      return node;
    });
    this.cache = next;
    nodes.forEach((node, i) => {
      const at = this.host.children[i];
      if (at !== node) this.host.insertBefore(node, at ?? null);
    });
    while (this.host.children.length > nodes.length) this.host.lastElementChild!.remove();
  }

  /** Forgets every node: the next render draws all items again (e.g. colours for a language that just loaded). */
  clear(): void {
    this.cache.clear();
  }
}
