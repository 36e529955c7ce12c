// Owns putting a restore into the AI change log: one entry per file the restore changed, with the
// diff from the state before the restore (the undo checkpoint) to the restored one, so the log shows
// what went back as well as what the agent wrote.
import { makeChange } from '../edits/proposedChange';
import type { ChangeRecorder } from '../changes/ports';
import type { CheckpointStore, FileChange } from './store';

function text(b: Buffer | undefined): string | undefined {
  if (b === undefined) return undefined;
  return b.includes(0) ? `(binary file, ${b.length} bytes)\n` : b.toString('utf8');
}

/** Records each changed file; returns the error text when the log could not take them (the files are restored anyway). */
export async function recordRestore(recorder: ChangeRecorder, store: CheckpointStore, restoredId: string, undoId: string, changed: FileChange[]): Promise<string | undefined> {
  try {
    for (const c of changed) {
      const before = text(await store.fileAt(undoId, c.path));
      const after = text(await store.fileAt(restoredId, c.path));
      const kind = c.action === 'remove' ? 'delete' : c.action === 'recreate' ? 'create' : 'update';
      await recorder.record({ change: makeChange({ path: c.path, kind, oldText: before, newText: after }), approvedBy: 'user', findings: [], restoredFrom: restoredId });
    }
    return undefined;
  } catch (err) {
    return `The files were restored, but the restore could not be recorded in the AI change log: ${(err as Error).message}`;
  }
}
