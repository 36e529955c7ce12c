// Owns the recent edit history a prediction is based on: each change becomes or extends an event
// (consecutive changes that touch the same lines of one file are one event, as a person typing a
// word is one edit), the last few events are kept newest last, and each is shown to the model as a
// unified diff. Bounded in events and lines, so a huge paste or file never floods a prompt.
import { unifiedHunk } from './diff';
import type { LineChange } from './shadow';

export interface EditEvent {
  path: string;
  startLine: number;
  oldLines: string[];
  newLines: string[];
  /** Lines were cut: the event no longer mirrors the document and takes no further changes. */
  truncated?: boolean;
}

export interface HistoryOptions {
  /** Events kept (default 8). */
  maxEvents?: number;
  /** Lines kept of each side of an event (default 60); the rest is cut. */
  maxLines?: number;
}

export class EditHistory {
  private readonly list: EditEvent[] = [];
  private readonly maxEvents: number;
  private readonly maxLines: number;

  constructor(o: HistoryOptions = {}) {
    this.maxEvents = o.maxEvents ?? 8;
    this.maxLines = o.maxLines ?? 60;
  }

  /** Records one change to `path` (workspace-relative). */
  record(path: string, change: LineChange): void {
    const last = this.list[this.list.length - 1];
    const merged = last && last.path === path && !last.truncated ? mergeEvents(last, change) : undefined;
    if (merged) this.list.pop();
    const event = merged ?? { path, ...change };
    if (event.oldLines.length > this.maxLines * 4 || event.newLines.length > this.maxLines * 4) {
      // A paste or deletion of this size is summarised; its lines are not what the next edit needs.
      event.oldLines = cut(event.oldLines, this.maxLines);
      event.newLines = cut(event.newLines, this.maxLines);
      event.truncated = true;
    }
    if (sameLines(event.oldLines, event.newLines)) return; // typed and undone: nothing happened
    this.list.push(event);
    if (this.list.length > this.maxEvents) this.list.shift();
  }

  /** The kept events, oldest first. */
  events(): readonly EditEvent[] {
    return this.list;
  }

  /** Drops the events of a file (it was closed, deleted or became secret). */
  forget(path: string): void {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].path === path) this.list.splice(i, 1);
  }

  clear(): void {
    this.list.length = 0;
  }
}

/**
 * `change` folded into `event` when it touches the lines the event produced (overlapping or
 * adjacent), else undefined. Both are in line coordinates of the text between them.
 */
export function mergeEvents(event: EditEvent, change: LineChange): EditEvent | undefined {
  const a = event.startLine;
  const aEnd = a + event.newLines.length;
  const c = change.startLine;
  const cEnd = c + change.oldLines.length;
  if (c > aEnd || cEnd < a) return undefined;
  const u0 = Math.min(a, c);
  const u1 = Math.max(aEnd, cEnd);
  // The text of [u0, u1) between the two: covered by the event's new lines and the change's old lines.
  const current: string[] = [];
  for (let i = u0; i < u1; i++) current.push(i >= a && i < aEnd ? event.newLines[i - a] : change.oldLines[i - c]);
  const oldLines = [...current.slice(0, a - u0), ...event.oldLines, ...current.slice(aEnd - u0)];
  const newLines = [...current.slice(0, c - u0), ...change.newLines, ...current.slice(cEnd - u0)];
  return { path: event.path, startLine: u0, oldLines, newLines };
}

/** One event as the prompts show it: `User edited "path":` and a fenced unified diff. */
export function renderEvent(e: EditEvent): string {
  const hunk = unifiedHunk(e.startLine, e.oldLines, e.newLines);
  return `User edited "${e.path}":\n\`\`\`diff\n${hunk}\n\`\`\``;
}

/** The newest events that fit `maxChars`, rendered, oldest first; `include` filters paths (secrets). */
export function renderHistory(events: readonly EditEvent[], maxChars: number, include: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  let used = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    if (!include(events[i].path)) continue;
    const text = renderEvent(events[i]);
    if (used + text.length > maxChars) break;
    used += text.length;
    out.unshift(text);
  }
  return out;
}

function cut(lines: string[], max: number): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `… (${lines.length - max} more lines)`];
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}
