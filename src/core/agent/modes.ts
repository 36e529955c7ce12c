// Owns the agent's modes. In `plan` mode the model gets only the tools that cannot change anything
// (mutating tools are left out of the request and refused if called anyway) and is told to end with
// a plan; `act` (the default) has every tool. The mode is chosen per turn, so switching needs no
// new agent and keeps the conversation.
import type { ToolSpec } from '../llm/provider';
import type { ToolSet } from './toolRuntime';

export const AGENT_MODES = ['act', 'plan'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export function isAgentMode(v: unknown): v is AgentMode {
  return typeof v === 'string' && (AGENT_MODES as readonly string[]).includes(v);
}

export const PLAN_MODE_NOTE = `[Plan mode] Do not change anything yet: only read-only tools are available. Explore what you need, then answer with a plan — keep it in update_plan as a checklist and summarise it in your answer (the files to change and how, and how to check the result). The user reviews the plan and switches to Act to have it carried out.`;

/** What the model is sent as the user's message: the task, plus the plan-mode rules in plan mode. */
export function taskForMode(task: string, mode: AgentMode): string {
  return mode === 'plan' ? `${task}\n\n${PLAN_MODE_NOTE}` : task;
}

export function planModeRefusal(name: string): string {
  return `${name} is not available in plan mode: nothing may be changed or run until the user approves the plan. Use the read-only tools, then end with the plan; the user switches to Act to carry it out.`;
}

/** The tool set for a mode: plan mode keeps only tools known not to mutate (unknown counts as mutating). */
export function toolSetForMode(tools: ToolSet, mode: AgentMode): ToolSet {
  if (mode === 'act') return tools;
  const readOnly = (name: string) => tools.isMutating !== undefined && !tools.isMutating(name);
  const specs: ToolSpec[] = tools.specs.filter((s) => readOnly(s.function.name));
  return {
    specs,
    isMutating: (name) => !readOnly(name),
    // Refused calls write nothing: no checkpoint is owed before them.
    appliesChangesOnly: () => true,
    invoke: async (name, rawArgs, ctx, signal) => (readOnly(name) ? tools.invoke(name, rawArgs, ctx, signal) : { output: planModeRefusal(name), isError: true, meta: { rejected: true } }),
  };
}

/** Tools every turn keeps whatever a prompt file's `tools:` lists: they talk to the user, not the workspace. */
const CONVERSATION_TOOLS = new Set(['update_plan', 'ask_user']);

/**
 * The tool set limited to `names` (a prompt file's `tools:`), the conversation tools kept. A call of
 * another tool is refused with the list. A list naming none of the set's tools (VS Code's own names)
 * limits nothing: `unknown` says which names were not found.
 */
export function toolSetLimitedTo(tools: ToolSet, names: readonly string[]): { tools: ToolSet; unknown: string[] } {
  const known = new Set(tools.specs.map((s) => s.function.name));
  const unknown = names.filter((n) => !known.has(n));
  const wanted = new Set(names.filter((n) => known.has(n)));
  if (wanted.size === 0) return { tools, unknown };
  const allowed = (name: string) => wanted.has(name) || CONVERSATION_TOOLS.has(name);
  return {
    unknown,
    tools: {
      specs: tools.specs.filter((s) => allowed(s.function.name)),
      isMutating: (name) => tools.isMutating?.(name) ?? true,
      appliesChangesOnly: (name) => (allowed(name) ? (tools.appliesChangesOnly?.(name) ?? false) : true),
      invoke: async (name, rawArgs, ctx, signal) =>
        allowed(name) ? tools.invoke(name, rawArgs, ctx, signal) : { output: `${name} is not available to this command: its prompt file allows only ${[...wanted].join(', ')}.`, isError: true, meta: { rejected: true } },
    },
  };
}
