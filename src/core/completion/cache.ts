// Owns remembered completions. A hit needs no request when the user comes back to the same spot or
// types the first characters of the suggestion shown (the rest of it is offered at once).
import type { CompletionResult } from './types';

interface Entry {
  uri: string;
  /** The last ANCHOR characters of the prefix when the completion was made. */
  anchor: string;
  lineSuffix: string;
  text: string;
  replaceAfter: number;
}

const ANCHOR = 256;

export class CompletionCache {
  private readonly entries: Entry[] = [];

  constructor(private readonly capacity = 64) {}

  put(uri: string, prefix: string, lineSuffix: string, text: string, replaceAfter: number): void {
    const anchor = prefix.slice(-ANCHOR);
    const i = this.entries.findIndex((e) => e.uri === uri && e.anchor === anchor && e.lineSuffix === lineSuffix);
    if (i >= 0) this.entries.splice(i, 1);
    this.entries.push({ uri, anchor, lineSuffix, text, replaceAfter });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** The rest of a remembered completion that the text before the cursor continues, if any. */
  get(uri: string, prefix: string, lineSuffix: string): Omit<CompletionResult, 'fromCache'> | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.uri !== uri || e.lineSuffix !== lineSuffix) continue;
      // Where the remembered prefix ends in the current one: what was typed since must begin the text.
      const maxTyped = Math.min(e.text.length - 1, prefix.length);
      const tail = prefix.slice(-(e.anchor.length + maxTyped));
      const at = tail.lastIndexOf(e.anchor);
      if (at < 0) continue;
      const typed = tail.slice(at + e.anchor.length);
      if (!e.text.startsWith(typed) || typed.length >= e.text.length) continue;
      // Most recently used goes last.
      this.entries.splice(i, 1);
      this.entries.push(e);
      return { insertText: e.text.slice(typed.length), replaceAfter: e.replaceAfter };
    }
    return undefined;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
