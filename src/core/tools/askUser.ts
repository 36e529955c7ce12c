// ask_user: the model asks the user a question and waits for the answer (the panel shows a card
// with an answer box). Where no one can answer — a headless run, or the user stops the task — the
// tool says so and tells the model to decide itself, so the turn goes on.
import * as z from 'zod';
import { ConversationToolName } from './toolNames';
import type { Tool } from './types';

export interface Question {
  toolCallId: string;
  question: string;
  /** Suggested answers the user can pick with one click. */
  options?: string[];
}

/** Port to whoever can answer: resolves with the answer, or undefined when there is none. */
export type UserAsker = (q: Question, signal: AbortSignal) => Promise<string | undefined>;

export const NO_ONE_TO_ASK = 'No one can answer questions in this run (it is headless). Decide yourself: choose the most reasonable option, say in your final answer what you assumed, and go on.';
export const NOT_ANSWERED = 'The user did not answer. Decide yourself: choose the most reasonable option, say what you assumed, and go on.';

const schema = z.object({
  question: z.string().min(1).max(4000).describe('One clear question; say why you need the answer'),
  options: z.array(z.string().min(1).max(200)).max(6).optional().describe('Up to six likely answers the user can pick'),
});

export function askUserTool(ask: UserAsker | undefined): Tool<z.infer<typeof schema>> {
  return {
    name: ConversationToolName.askUser,
    description:
      'Ask the user a question when you cannot go on without their decision (a requirement is ambiguous, two designs are equally valid). Do not ask what you can find out yourself by reading the code. Waits for the answer.',
    schema,
    mutating: false,
    async invoke(args, ctx, signal) {
      if (!ask) return { output: NO_ONE_TO_ASK, meta: { answered: false } };
      const answer = await ask({ toolCallId: ctx.toolCallId, question: args.question.trim(), ...(args.options?.length ? { options: args.options } : {}) }, signal);
      if (signal.aborted) return { output: NOT_ANSWERED, isError: true };
      const text = answer?.trim();
      if (!text) return { output: NOT_ANSWERED, meta: { answered: false } };
      return { output: `The user answered: ${text}`, meta: { answered: true, answer: text } };
    },
  };
}
