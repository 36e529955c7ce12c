// Owns what Retry on a failed model call sends again: when the turn failed before the model answered,
// the same message — exactly what the model was sent, attachments, images and mode note included —
// with the conversation and the panel cut back to before it (nothing is said twice); when it failed
// later in the turn, "continue" (the work done so far stays).
import { PLAN_MODE_NOTE } from '../../core/agent/modes';
import type { Session } from '../../core/agent/session';
import type { TurnInput } from '../../core/agent/turn';
import type { PanelState } from '../../protocol/messages';

export const CONTINUE_AFTER_ERROR = 'Continue the task where it stopped (the model server failed).';

export interface RetryPlan {
  /** The task text (the prompt behind a readable display). */
  text: string;
  /** What the panel shows for it, when that differs from `text` (a refactor command's message). */
  display?: string;
  /** Panel items to keep. */
  keepItems: number;
  /** Conversation messages to keep. */
  keepMessages?: number;
  /** What the model is sent again, as it was sent: no attachment is gathered a second time. */
  resend?: { input: TurnInput; attached: string[] };
}

const PLAN_SUFFIX = `\n\n${PLAN_MODE_NOTE}`;

/** What to send, and how many panel items to keep; undefined when the last turn did not fail on the server. */
export function retryPlan(state: PanelState, session: Session | undefined): RetryPlan | undefined {
  const last = state.items[state.items.length - 1];
  if (last?.kind !== 'serverError' || last.state === 'retrying') return undefined;
  const userAt = state.items.map((i) => i.kind).lastIndexOf('user');
  const user = state.items[userAt];
  const messages = session?.messages ?? [];
  const lastMessage = messages[messages.length - 1];
  if (user?.kind === 'user') {
    const plan: RetryPlan = { text: user.prompt ?? user.text, keepItems: userAt, ...(user.prompt !== undefined ? { display: user.text } : {}) };
    if (!session) return plan;
    // The model never answered this message: it is the conversation's last one (the turn adds the mode note
    // again, so it is taken off here).
    if (lastMessage?.role === 'user' && lastMessage.kind === undefined) {
      const content = lastMessage.content.endsWith(PLAN_SUFFIX) ? lastMessage.content.slice(0, -PLAN_SUFFIX.length) : lastMessage.content;
      const input: TurnInput = { content, ...(lastMessage.images?.length ? { images: lastMessage.images } : {}) };
      return { ...plan, keepMessages: messages.length - 1, resend: { input, attached: user.attached ?? [] } };
    }
  }
  return { text: CONTINUE_AFTER_ERROR, keepItems: state.items.length - 1 };
}
