// update_plan: the agent's checklist for the task — every call sends the whole list, each step
// pending, in progress or done (at most one in progress). The host keeps it (in the session, so it
// survives compaction and a reopened task) and shows it live; the model gets the list back.
import * as z from 'zod';
import { ConversationToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';

export const PLAN_STATUSES = ['pending', 'in_progress', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export interface PlanStep {
  step: string;
  status: PlanStatus;
}
export interface Plan {
  steps: PlanStep[];
  explanation?: string;
}

const schema = z.object({
  explanation: z.string().max(2000).optional().describe('Why the plan is what it is, or what changed since the last update'),
  plan: z
    .array(
      z.object({
        step: z.string().min(1).max(500).describe('One short, checkable step'),
        status: z.enum(PLAN_STATUSES).describe('pending, in_progress (at most one step) or done'),
      }),
    )
    .min(1)
    .max(50)
    .describe('The whole checklist, in order; send every step on every call'),
});

const MARK: Record<PlanStatus, string> = { pending: '[ ]', in_progress: '[~]', done: '[x]' };

/** The plan as a Markdown-like checklist (for the model and the terminal). */
export function formatPlan(plan: Plan): string {
  const lines = plan.steps.map((s) => `${MARK[s.status]} ${s.step}`);
  return (plan.explanation ? `${plan.explanation}\n` : '') + lines.join('\n');
}

/** The tool, reporting each accepted plan to `onPlan`. */
export function updatePlanTool(onPlan: (plan: Plan) => void): Tool<z.infer<typeof schema>> {
  return {
    name: ConversationToolName.updatePlan,
    description:
      'Keep a checklist of the steps of the task for the user to follow. Send the whole list every time, each step pending, in_progress or done; at most one step in_progress. Use it for tasks of several steps: make the plan first, then mark steps as you go.',
    schema,
    mutating: false,
    async invoke(args) {
      const active = args.plan.filter((s) => s.status === 'in_progress').length;
      if (active > 1) throw new ToolCallError(`${active} steps are in_progress; mark at most one step in_progress and send the whole list again.`);
      const plan: Plan = { steps: args.plan.map((s) => ({ step: s.step.trim(), status: s.status })), ...(args.explanation?.trim() ? { explanation: args.explanation.trim() } : {}) };
      onPlan(plan);
      const done = plan.steps.filter((s) => s.status === 'done').length;
      return { output: `Plan updated (${done}/${plan.steps.length} done):\n${formatPlan({ steps: plan.steps })}`, meta: { plan } };
    },
  };
}
