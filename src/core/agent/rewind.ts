// Owns cutting a conversation back to a point the user chose in the panel: to just before a turn's
// user message (edit and resend, retry), or to the end of the step that made a tool call (restore
// files and conversation). A cut never leaves a tool call without its result; points recorded before
// a compaction no longer exist and are refused with a sentence.
import type { Session } from './session';

/** Where a rewind can go: recorded when the checkpoint event arrives. */
export type RewindPoint = { kind: 'beforeTurn'; messageCount: number; compactions: number } | { kind: 'afterCall'; toolCallId: string };

export class RewindError extends Error {}

/** The point just before the user message of the turn that is starting now. */
export function pointBeforeTurn(session: Session): RewindPoint {
  return { kind: 'beforeTurn', messageCount: session.messages.length, compactions: session.compactions };
}

/** Cuts the session at the point. Throws a RewindError when the point is gone. */
export function rewind(session: Session, point: RewindPoint): void {
  session.truncate(rewindLength(session, point));
}

/** How many messages the session keeps when cut at the point (it is not changed). Throws a RewindError when the point is gone. */
export function rewindLength(session: Session, point: RewindPoint): number {
  if (point.kind === 'beforeTurn') {
    if (point.compactions !== session.compactions || point.messageCount > session.messages.length) {
      throw new RewindError('The conversation was compacted after that point, so it cannot be cut back there; the files can still be restored.');
    }
    return point.messageCount;
  }
  const at = session.messages.findIndex((m) => m.role === 'assistant' && m.toolCalls?.some((c) => c.id === point.toolCallId));
  if (at < 0) throw new RewindError('That step is no longer in the conversation (it was compacted), so the conversation cannot be cut back there; the files can still be restored.');
  let end = at + 1;
  while (end < session.messages.length && session.messages[end].role === 'tool') end++;
  return end;
}
