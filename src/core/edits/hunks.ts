// Owns splitting a proposed change into hunks (each run of removed and added lines with the
// unchanged lines around it for review) and rebuilding the file from the hunks a user accepted: the
// rest keep their current text, byte for byte. The rejected hunks are described for the model.
import { diffLines, type Change } from 'diff';
import type { ProposedChange } from '../changes/change';
import { makeChange } from './proposedChange';

export interface Hunk {
  index: number;
  /** 1-based line in the current file where the hunk starts (the line after, for a pure insertion). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unified-diff text: a `@@` header, up to `context` unchanged lines around, `-` and `+` lines. */
  text: string;
}

interface Part {
  kind: 'same' | 'hunk';
  removed: string;
  added: string;
}

function lines(text: string): string[] {
  if (!text) return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function parts(oldText: string, newText: string): Part[] {
  const out: Part[] = [];
  for (const c of diffLines(oldText, newText) as Change[]) {
    if (!c.added && !c.removed) {
      out.push({ kind: 'same', removed: c.value, added: c.value });
      continue;
    }
    let last = out[out.length - 1];
    if (last?.kind !== 'hunk') {
      last = { kind: 'hunk', removed: '', added: '' };
      out.push(last);
    }
    if (c.added) last.added += c.value;
    else last.removed += c.value;
  }
  return out;
}

/** The hunks of turning `oldText` into `newText`, in file order. */
export function splitHunks(oldText: string, newText: string, context = 3): Hunk[] {
  const ps = parts(oldText, newText);
  const hunks: Hunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  ps.forEach((p, i) => {
    const removed = lines(p.removed);
    const added = lines(p.added);
    if (p.kind === 'hunk') {
      const before = i > 0 ? lines(ps[i - 1].removed).slice(-context) : [];
      const after = i + 1 < ps.length ? lines(ps[i + 1].removed).slice(0, context) : [];
      const header = `@@ -${oldLine - before.length},${removed.length + before.length + after.length} +${newLine - before.length},${added.length + before.length + after.length} @@`;
      const body = [...before.map((l) => ` ${l}`), ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`), ...after.map((l) => ` ${l}`)];
      hunks.push({ index: hunks.length, oldStart: oldLine, oldLines: removed.length, newStart: newLine, newLines: added.length, text: [header, ...body].join('\n') });
    }
    oldLine += removed.length;
    newLine += added.length;
  });
  return hunks;
}

/** The file with only the accepted hunks (by index) applied to `oldText`. */
export function applyHunks(oldText: string, newText: string, accepted: ReadonlySet<number>): string {
  let index = 0;
  let out = '';
  for (const p of parts(oldText, newText)) {
    if (p.kind === 'same') out += p.removed;
    else out += accepted.has(index++) ? p.added : p.removed;
  }
  return out;
}

/** What the model is told about the hunks the user rejected, so it goes on from the real file. */
export function describeRejectedHunks(path: string, hunks: Hunk[], rejected: Array<{ index: number; reason?: string }>): string {
  return rejected
    .map(({ index, reason }) => {
      const h = hunks[index];
      return h ? `Rejected hunk ${index + 1} of ${hunks.length} in ${path}${reason ? ` (reason: ${reason})` : ''}:\n${h.text}` : '';
    })
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The changes as the user approved them: a change with rejected hunks keeps only its approved ones
 * (dropped when none is left), and the note tells the model which hunks were left out and why.
 */
export function withoutRejectedHunks(changes: ProposedChange[], rejected: Record<string, Array<{ index: number; reason?: string }>>): { changes: ProposedChange[]; note: string } {
  const notes: string[] = [];
  const kept: ProposedChange[] = [];
  for (const c of changes) {
    const out = rejected[c.id];
    if (!out?.length || c.oldText === undefined || c.newText === undefined) {
      kept.push(c);
      continue;
    }
    const hunks = splitHunks(c.oldText, c.newText);
    const accepted = new Set(hunks.map((h) => h.index).filter((i) => !out.some((r) => r.index === i)));
    notes.push(describeRejectedHunks(c.path, hunks, out));
    const newText = applyHunks(c.oldText, c.newText, accepted);
    if (newText !== c.oldText || c.kind === 'move') kept.push(makeChange({ id: c.id, path: c.path, kind: c.kind, newPath: c.newPath, oldText: c.oldText, newText }));
  }
  const note = notes.length ? `\nThe user approved only part of the change; these hunks were left out, so the file holds the approved hunks only (read it again before editing it further):\n${notes.join('\n\n')}` : '';
  return { changes: kept, note };
}
