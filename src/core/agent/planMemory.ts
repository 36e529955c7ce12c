// Owns keeping the agent's plan through compaction: the plan lives in the session (not only in the
// update_plan calls the summary replaces), and a compacted history gets it back as a message just
// before the kept tail, so the model goes on with the same checklist.
import type { Message } from '../llm/provider';
import { formatPlan, type Plan } from '../tools/updatePlan';

export const PLAN_HEADER = 'The current plan (update_plan), kept through compaction — go on from it and keep updating it:';

/** `messages` (a compacted history whose last `kept` are the kept tail) with the plan restated. */
export function withPlan(messages: Message[], kept: number, plan: Plan | undefined): Message[] {
  if (!plan?.steps.length) return messages;
  const at = Math.max(0, messages.length - kept);
  const note: Message = { role: 'user', kind: 'summary', content: `${PLAN_HEADER}\n${formatPlan(plan)}` };
  return [...messages.slice(0, at), note, ...messages.slice(at)];
}
