// Owns resolving a file location the panel asks to open (a path a tool step shows, with a line):
// only an existing file inside the workspace, judged on its real path (workspaceJail.ts: `..`,
// absolute paths and symlinks that lead out are refused). A `file:` URI is read as the path it names;
// any other scheme is refused. Every refusal is a sentence the panel can show as it is.
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveInWorkspace } from './workspaceJail';

export interface FileLocation {
  /** Real absolute path. */
  abs: string;
  /** Workspace-relative, forward slashes. */
  rel: string;
  /** 1-based lines; endLine only when a range is known (never before line). */
  line?: number;
  endLine?: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The path a panel link names: `file:` URIs become paths; undefined for any other scheme or an unusable URI. */
function asPath(given: string): string | undefined {
  const scheme = SCHEME.exec(given)?.[1]?.toLowerCase();
  if (!scheme) return given;
  if (scheme !== 'file') return undefined;
  try {
    return fileURLToPath(given);
  } catch {
    return undefined; // a remote host (file://server/…) or a malformed URI
  }
}

export async function resolveLocation(root: string, given: string, line?: number, endLine?: number): Promise<FileLocation | { error: string }> {
  const shown = given.length > 200 ? `${given.slice(0, 200)}…` : given;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f]/.test(given) || given.trim() === '') return { error: `"${shown}" is not a file path Tandem can open.` };
  const p = asPath(given.trim());
  if (p === undefined) return { error: `"${shown}" is not a file in this workspace: the panel opens only workspace files.` };
  let resolved;
  try {
    resolved = await resolveInWorkspace(root, p);
  } catch {
    return { error: `"${shown}" is outside the workspace, so Tandem does not open it from the panel.` };
  }
  let stat;
  try {
    stat = await fs.stat(resolved.abs);
  } catch {
    return { error: `${resolved.rel || shown} does not exist (it may have been moved or deleted since this step).` };
  }
  if (!stat.isFile()) return { error: `${resolved.rel || shown} is a folder, not a file.` };
  const out: FileLocation = { abs: resolved.abs, rel: resolved.rel };
  if (line !== undefined) {
    out.line = line;
    if (endLine !== undefined && endLine >= line) out.endLine = endLine;
  }
  return out;
}
