// Owns the tools the Agent adds to every tool set: update_plan (kept in the session, announced as a
// `plan` event) and ask_user (answered through the host's asker, or "decide yourself" when there is
// none). Front ends pass their own tools; the panel and the CLI get these unchanged.
import type { ToolSpec } from '../llm/provider';
import { askUserTool, type UserAsker } from '../tools/askUser';
import type { Tool } from '../tools/types';
import { updatePlanTool } from '../tools/updatePlan';
import type { AgentEventListener } from './events';
import type { Session } from './session';
import type { ToolSet } from './toolRuntime';
import { toolSetFrom } from './toolSet';

export function conversationTools(session: () => Session, emit: AgentEventListener, ask: UserAsker | undefined, run: { headless?: boolean; mode?: 'act' | 'plan' } = {}): Tool[] {
  const plan = updatePlanTool((p) => {
    session().plan = p;
    emit({ type: 'plan', steps: p.steps, ...(p.explanation ? { explanation: p.explanation } : {}) });
  });
  // A headless run sends no tool the model must not use: nobody can answer ask_user (unless the host
  // gave an asker), and the plan checklist is for plan mode only (nobody watches it in act mode).
  if (!run.headless) return [plan, askUserTool(ask)] as Tool[];
  return [...(run.mode === 'plan' ? [plan] : []), ...(ask ? [askUserTool(ask)] : [])] as Tool[];
}

/** `base` with `extra` added; a base tool of the same name wins (an MCP server cannot shadow it, nor the reverse). */
export function withTools(base: ToolSet, extra: Tool[]): ToolSet {
  const names = new Set(base.specs.map((s) => s.function.name));
  const added = toolSetFrom(extra.filter((t) => !names.has(t.name)));
  const own = new Set(added.specs.map((s) => s.function.name));
  const specs: ToolSpec[] = [...base.specs, ...added.specs];
  return {
    specs,
    invoke: (name, rawArgs, ctx, signal) => (own.has(name) ? added.invoke(name, rawArgs, ctx, signal) : base.invoke(name, rawArgs, ctx, signal)),
    isMutating: (name) => (own.has(name) ? false : base.isMutating ? base.isMutating(name) : true),
    appliesChangesOnly: (name) => !own.has(name) && (base.appliesChangesOnly?.(name) ?? false),
  };
}
