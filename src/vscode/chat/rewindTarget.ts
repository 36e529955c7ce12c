// Owns which checkpoint going back to a panel item restores. A step or a message that took one goes
// back to it. Checkpoints are lazy, so a message whose turn changed no file has none (`unchanged`):
// the files then stood as they did before the next later turn that changed any, so its turn-start
// checkpoint is the one; with no later one nothing changed since and only the conversation is cut.
// A later message whose state is unknown (checkpoints off, or one failed) makes it refused.
import type { ChatItem } from '../../protocol/messages';

/** The checkpoint to restore (none: no file changed since), or why there is none to go back to. */
export type RewindTarget = { checkpointId?: string } | { refused: string };

export const NO_CHECKPOINT = 'That step has no checkpoint to go back to.';

export function rewindTarget(items: readonly ChatItem[], index: number): RewindTarget {
  const item = items[index];
  if (!item || (item.kind !== 'user' && item.kind !== 'tool')) return { refused: NO_CHECKPOINT };
  if (item.checkpointId) return { checkpointId: item.checkpointId };
  if (item.kind !== 'user' || !item.unchanged) return { refused: NO_CHECKPOINT };
  for (const later of items.slice(index + 1)) {
    if (later.kind !== 'user') continue;
    if (later.checkpointId) return { checkpointId: later.checkpointId };
    if (!later.unchanged) return { refused: 'A later message took no checkpoint (checkpoints were off, or one failed), so the files cannot be put back as they were before this one.' };
  }
  return {};
}
