// Owns what Retry on a failed model call sends again: when the turn failed before the model answered,
// the same message, with the conversation and the panel cut back to before it (nothing is said
// twice); when it failed later in the turn, "continue" (the work done so far stays).
import type { Session } from '../../core/agent/session';
import type { PanelState } from '../../protocol/messages';

export const CONTINUE_AFTER_ERROR = 'Continue the task where it stopped (the model server failed).';

/** What to send, and how many panel items to keep; undefined when the last turn did not fail on the server. */
export function retryPlan(state: PanelState, session: Session | undefined): { text: string; keepItems: number; keepMessages?: number } | undefined {
  const last = state.items[state.items.length - 1];
  if (last?.kind !== 'serverError' || last.state !== 'failed') return undefined;
  const userAt = state.items.map((i) => i.kind).lastIndexOf('user');
  const user = state.items[userAt];
  const messages = session?.messages ?? [];
  const lastMessage = messages[messages.length - 1];
  if (user?.kind === 'user' && (!session || (lastMessage?.role === 'user' && lastMessage.content === user.text))) {
    return { text: user.text, keepItems: userAt, ...(session ? { keepMessages: messages.length - 1 } : {}) };
  }
  return { text: CONTINUE_AFTER_ERROR, keepItems: state.items.length - 1 };
}
