// Owns the user's recent activity as completion context: ranges edited and ranges visited in the
// last few minutes, a few lines around each, most recent first. Recording is cheap bookkeeping on
// every edit (a nearby entry is moved, not added); text is read only when a prompt is built.
import type { Snippet } from './templates';
import type { RecentSnippetSource } from './types';

export type ActivityKind = 'edit' | 'visit';

interface Entry {
  kind: ActivityKind;
  uri: string;
  relativePath: string;
  line: number;
  at: number;
  /** The lines around `line`, read when needed (the document may have changed since). */
  read: (line: number) => string;
}

const CAPACITY = 30;
/** Entries closer than this (in lines) to an earlier one of the same file and kind replace it. */
const MERGE_LINES = 6;

export class RecentActivity implements RecentSnippetSource {
  private readonly entries: Entry[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly maxSnippets = 6,
  ) {}

  record(kind: ActivityKind, uri: string, relativePath: string, line: number, read: (line: number) => string): void {
    const i = this.entries.findIndex((e) => e.kind === kind && e.uri === uri && Math.abs(e.line - line) <= MERGE_LINES);
    if (i >= 0) this.entries.splice(i, 1);
    this.entries.push({ kind, uri, relativePath, line, at: this.now(), read });
    if (this.entries.length > CAPACITY) this.entries.shift();
  }

  /** Forgets a closed or deleted file. */
  forget(uri: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].uri === uri) this.entries.splice(i, 1);
  }

  /** Edits first, then visits, newest first, outside the current file (its window shows it). */
  recent(currentUri: string): Snippet[] {
    const cutoff = this.now() - this.maxAgeMs;
    const fresh = this.entries.filter((e) => e.at >= cutoff && e.uri !== currentUri);
    const ordered = [...fresh.filter((e) => e.kind === 'edit').reverse(), ...fresh.filter((e) => e.kind === 'visit').reverse()];
    const out: Snippet[] = [];
    for (const e of ordered.slice(0, this.maxSnippets)) {
      let text: string;
      try {
        text = e.read(e.line);
      } catch {
        continue;
      }
      if (text.trim()) out.push({ relativePath: e.relativePath, text });
    }
    return out;
  }
}
