// Owns applying approved changes to the real file system (the CLI and tests; VS Code applies them
// as WorkspaceEdits). Each change is re-checked against the file's current content first, so a file
// edited after the proposal is never overwritten; writes are atomic (temp file, then rename).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';
import { readIfExists } from '../util/files';
import { resolveInWorkspace, type ResolvedPath } from '../policy/workspaceJail';
import { containedPath } from '../util/containment';
import { ToolCallError } from '../util/errors';
import { type ChangeApplier } from '../changes/ports';
import { type ProposedChange } from '../changes/change';
import { assertApplicable } from './staleCheck';


/** The real paths a change touches, each re-checked now against the workspace (both appliers call this at write time). */
export async function changeTargets(root: string, change: ProposedChange): Promise<{ target: ResolvedPath; dest?: ResolvedPath }> {
  const target = await resolveInWorkspace(root, change.path);
  const dest = change.kind === 'move' ? await resolveInWorkspace(root, change.newPath ?? '') : undefined;
  return dest ? { target, dest } : { target };
}

async function writeAtomic(root: string, p: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(p), { recursive: true });
  // The folders just made (or a folder swapped for a link meanwhile) must still be inside.
  if ((await containedPath(root, path.dirname(p)))?.abs !== path.dirname(p)) throw new ToolCallError(`${p} is no longer inside the workspace (a folder on its way was replaced by a link); nothing was written.`);
  await writeFileAtomic(p, text, { mode: 'keep' });
}

export class FileApplier implements ChangeApplier {
  /** `root` must be the workspace's canonical real path. */
  constructor(private readonly root: string) {}

  async apply(change: ProposedChange, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new ToolCallError('Cancelled before the change was applied.');
    const { target, dest } = await changeTargets(this.root, change);
    const current = await readIfExists(target.abs);
    assertApplicable(change, current, dest ? (await readIfExists(dest.abs)) !== undefined : false);
    switch (change.kind) {
      case 'create':
      case 'update':
        await writeAtomic(this.root, target.abs, change.newText ?? '');
        return;
      case 'delete':
        await fs.rm(target.abs);
        return;
      case 'move': {
        await writeAtomic(this.root, dest!.abs, change.newText ?? current ?? '');
        await fs.rm(target.abs);
        return;
      }
    }
  }
}
