// Owns applying approved changes to the real file system (the CLI and tests; VS Code applies them
// as WorkspaceEdits). Each change is re-checked against the file's current content first, so a file
// edited after the proposal is never overwritten; writes are atomic (temp file, then rename).
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../util/atomicWrite';
import { readIfExists } from '../util/files';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { ToolCallError } from '../util/errors';
import { type ChangeApplier } from '../changes/ports';
import { type ProposedChange } from '../changes/change';
import { assertApplicable } from './staleCheck';


function writeAtomic(p: string, text: string): Promise<void> {
  return writeFileAtomic(p, text, { mode: 'keep', mkdir: true });
}

export class FileApplier implements ChangeApplier {
  /** `root` must be the workspace's canonical real path. */
  constructor(private readonly root: string) {}

  async apply(change: ProposedChange, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new ToolCallError('Cancelled before the change was applied.');
    const target = await resolveInWorkspace(this.root, change.path);
    const current = await readIfExists(target.abs);
    const dest = change.kind === 'move' ? await resolveInWorkspace(this.root, change.newPath ?? '') : undefined;
    assertApplicable(change, current, dest ? (await readIfExists(dest.abs)) !== undefined : false);
    switch (change.kind) {
      case 'create':
      case 'update':
        await writeAtomic(target.abs, change.newText ?? '');
        return;
      case 'delete':
        await fs.rm(target.abs);
        return;
      case 'move': {
        await writeAtomic(dest!.abs, change.newText ?? current ?? '');
        await fs.rm(target.abs);
        return;
      }
    }
  }
}
