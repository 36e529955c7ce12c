// Owns the conversation parts of the panel state that agent events change: the live plan
// (update_plan), queued messages once delivered (they become user messages in the log), the
// context meter and the task's cost. Called by the panel reducer for every event.
import type { AgentEvent } from '../../core/agent/events';
import { costOf, type ModelPrice } from '../../core/llm/pricing';
import type { PanelState } from '../../protocol/messages';

export interface ConversationReducerContext {
  /** The model's price (tandem.chat.pricing); no cost is shown without one. */
  price?: ModelPrice;
  /** The model's context window in tokens. */
  window?: number;
}

export function applyConversationEvent(s: PanelState, e: AgentEvent, ctx: ConversationReducerContext): void {
  switch (e.type) {
    case 'plan':
      s.plan = { steps: e.steps.map((p) => ({ ...p })), ...(e.explanation ? { explanation: e.explanation } : {}) };
      break;
    case 'userMessage':
      s.items.push({ kind: 'user', id: e.id, text: e.text });
      break;
    case 'usage':
      // The last request's prompt plus its answer is what the next request starts from.
      if (ctx.window) s.context = { used: e.inputTokens + e.outputTokens, window: ctx.window };
      if (ctx.price) s.cost = (s.cost ?? 0) + costOf(e, ctx.price);
      break;
    case 'compaction':
      if (s.context) s.context = { ...s.context, used: contextAfterCompaction(s.context.used, e.tokensBefore, e.tokensAfter) };
      break;
  }
}

/**
 * The meter after compaction, in the unit it showed before: the server's count of the last request,
 * scaled by how much compaction changed our estimate (the estimate alone counts differently, so showing
 * it made the meter jump, even upwards). The next request's usage replaces it.
 */
export function contextAfterCompaction(used: number, estimatedBefore: number, estimatedAfter: number): number {
  if (used <= 0 || estimatedBefore <= 0) return estimatedAfter;
  return Math.round((used * estimatedAfter) / estimatedBefore);
}
