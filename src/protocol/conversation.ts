// The messages and state of a conversation the user controls: the agent's mode (plan / act), its
// checklist (update_plan), messages queued while a turn runs, questions the model asks (ask_user),
// the context meter and the task's cost. Part of the panel protocol (messages.ts).
import * as z from 'zod';

export const PanelMode = z.enum(['act', 'plan']);

export const conversationMessages = [
  z.object({ type: z.literal('setMode'), mode: PanelMode }),
  /** Take a queued message back before it is delivered. */
  z.object({ type: z.literal('unqueue'), id: z.string().min(1) }),
  /** The user's answer to an ask_user question (empty: "decide yourself"). */
  z.object({ type: z.literal('answer'), requestId: z.string().min(1), text: z.string().max(20_000) }),
] as const;

export const PlanStepState = z.object({ step: z.string(), status: z.enum(['pending', 'in_progress', 'done']) });

export const ConversationState = z.object({
  mode: PanelMode.optional(),
  plan: z.object({ steps: z.array(PlanStepState), explanation: z.string().optional() }).optional(),
  queued: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  questions: z.array(z.object({ requestId: z.string(), question: z.string(), options: z.array(z.string()).optional() })).optional(),
  /** Tokens of the last request (prompt + answer) against the model's context window. */
  context: z.object({ used: z.number(), window: z.number() }).optional(),
  /** USD for this task so far, where tandem.chat.pricing prices the model. */
  cost: z.number().optional(),
  /** The user's custom commands (prompt files), for the `/` picker. */
  commands: z.array(z.object({ name: z.string(), description: z.string() })).optional(),
});
export type ConversationState = z.infer<typeof ConversationState>;
