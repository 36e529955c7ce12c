// Owns which file (and lines) a tool step is about, for the panel's link on the step: the path and
// range read_file was given, and for an applied edit the first line it changed in the file's new text.
import { splitHunks } from '../../core/edits/hunks';
import type { StepTarget } from '../../protocol/followViews';

const FILE_TOOLS = new Set(['read_file', 'edit_file', 'write_file']);

/** From the call's arguments, when it names one file. */
export function targetOfCall(name: string, args: string): StepTarget | undefined {
  if (!FILE_TOOLS.has(name)) return undefined;
  try {
    const a = JSON.parse(args) as { path?: unknown; start_line?: unknown; end_line?: unknown };
    if (typeof a.path !== 'string' || !a.path) return undefined;
    const line = typeof a.start_line === 'number' && a.start_line >= 1 ? Math.floor(a.start_line) : undefined;
    const endLine = line !== undefined && typeof a.end_line === 'number' && a.end_line >= line ? Math.floor(a.end_line) : undefined;
    return { path: a.path, ...(line ? { line } : {}), ...(endLine ? { endLine } : {}) };
  } catch {
    return undefined;
  }
}

/** From an applied edit's changes: the first changed file at its first changed line (not for a deleted file). */
export function targetOfEdit(meta: Record<string, unknown> | undefined): StepTarget | undefined {
  if (!meta?.applied) return undefined;
  const changes = meta.changes as Array<{ path: string; newPath?: string; kind?: string; oldText?: string; newText?: string }> | undefined;
  const c = changes?.find((x) => x.kind !== 'delete');
  if (!c) return undefined;
  const first = splitHunks(c.oldText ?? '', c.newText ?? '', 0)[0];
  return { path: c.newPath ?? c.path, ...(first ? { line: Math.max(1, first.newStart), ...(first.newLines > 1 ? { endLine: first.newStart + first.newLines - 1 } : {}) } : {}) };
}
