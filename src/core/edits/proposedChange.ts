// Owns the ProposedChange value: what the agent wants a file to become, with a unified diff and
// line counts for review. Nothing here touches disk.
import { createTwoFilesPatch, structuredPatch } from 'diff';
import type { ProposedChange } from '../changes/change';

let counter = 0;

export function newChangeId(): string {
  counter = (counter + 1) % 1_000_000;
  return `chg_${Date.now().toString(36)}_${counter}`;
}

export function makeChange(c: { path: string; kind: ProposedChange['kind']; oldText?: string; newText?: string; newPath?: string; id?: string }): ProposedChange {
  const oldText = c.oldText ?? '';
  const newText = c.newText ?? '';
  const from = c.kind === 'create' ? '/dev/null' : `a/${c.path}`;
  const to = c.kind === 'delete' ? '/dev/null' : `b/${c.newPath ?? c.path}`;
  const diff = createTwoFilesPatch(from, to, oldText, newText, undefined, undefined, { context: 3 });
  let added = 0;
  let removed = 0;
  for (const h of structuredPatch(from, to, oldText, newText, undefined, undefined, { context: 0 }).hunks) {
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  }
  return { id: c.id ?? newChangeId(), path: c.path, kind: c.kind, newPath: c.newPath, oldText: c.oldText, newText: c.kind === 'delete' ? undefined : newText, diff, added, removed };
}
