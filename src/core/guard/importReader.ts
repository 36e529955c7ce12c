// Owns reading the relative imports of a proposed change from the workspace for the cross-file scan
// (importedHelpers.ts): the other files of the same change first (their new text), then the disk —
// never a secret file, never through a symlink that leaves the workspace, never a huge file.
import { promises as fs } from 'node:fs';
import { PathRules } from '../policy/pathRules';
import { canonicalPath, containedPath } from '../util/containment';
import type { ProposedChange } from '../changes/change';
import { MAX_IMPORT_CHARS, type ReadImport } from './importedHelpers';

export function workspaceImportReader(root: string, pending: ProposedChange[] = []): ReadImport {
  const secrets = PathRules.forWorkspace(root);
  // The root as the disk spells it (a workspace opened through a symlink), to compare real paths with.
  let realRoot: Promise<string> | undefined;
  const staged = new Map<string, string | undefined>();
  for (const c of pending) {
    if (c.kind === 'delete' || c.kind === 'move') staged.set(c.path, undefined);
    if (c.kind !== 'delete' && c.newText !== undefined) staged.set(c.newPath ?? c.path, c.newText);
  }
  return async (rel) => {
    if (staged.has(rel)) return staged.get(rel);
    if (secrets.isSecret(rel)) return undefined;
    try {
      const real = (await containedPath(await (realRoot ??= canonicalPath(root)), rel))?.abs;
      if (!real) return undefined;
      const st = await fs.stat(real);
      // Bytes, not characters: a UTF-8 file under the character cap may be up to four times as many bytes.
      if (!st.isFile() || st.size > MAX_IMPORT_CHARS * 4) return undefined;
      return await fs.readFile(real, 'utf8');
    } catch {
      // Missing or unreadable: the import is simply not followed (the file itself is still scanned).
      return undefined;
    }
  };
}
