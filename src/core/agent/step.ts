// Owns one model call of a turn: compacts first when the conversation nears the budget, streams the
// answer, and on a "context too long" error compacts once and retries once — never more, so a
// server that keeps refusing cannot trap the turn in a loop.
import { LlmError } from '../llm/errors';
import type { Message, ModelProvider, ModelRequest, ModelResponse, ToolSpec } from '../llm/provider';
import { compactConversation } from './compaction';
import { estimateRequestTokens, type Budget } from './context';
import type { AgentEventListener } from './events';
import type { Session } from './session';

export interface StepDeps {
  provider: ModelProvider;
  model: string;
  system: string;
  tools: ToolSpec[];
  budget: Budget;
  session: Session;
  emit: AgentEventListener;
  /** The task of the turn in progress (restated in a summary if compacted away). */
  task: string;
  maxOutputTokens?: number;
  temperature?: number;
  /** Sent with the task's own calls only: a compaction summary is prose, not the schema's JSON. */
  outputSchema?: ModelRequest['outputSchema'];
}

function baseRequest(d: StepDeps): Omit<ModelRequest, 'messages' | 'toolChoice'> {
  return {
    model: d.model,
    system: d.system,
    tools: d.tools,
    ...(d.maxOutputTokens ? { maxOutputTokens: d.maxOutputTokens } : {}),
    ...(d.temperature !== undefined ? { temperature: d.temperature } : {}),
  };
}

export function promptTokens(d: StepDeps, messages: Message[] = d.session.messages): number {
  return estimateRequestTokens(d.system, d.tools, messages);
}

/** Compacts the session; returns false when there was nothing to compact. */
export async function compact(d: StepDeps, reason: 'budget' | 'contextTooLong', signal: AbortSignal): Promise<boolean> {
  const before = promptTokens(d);
  // Near the budget, keep the recent part at about a third of it so the summary has room; when the
  // server refused, our estimate was wrong, so keep only the latest step.
  const keepTokens = reason === 'budget' ? Math.max(256, Math.floor(d.budget.compactAt / 3)) : 0;
  const outcome = await compactConversation({ provider: d.provider, base: baseRequest(d), messages: d.session.messages, keepTokens, currentTask: d.task, signal });
  if (!outcome) return false;
  d.session.replace(outcome.messages);
  d.emit({ type: 'compaction', reason, tokensBefore: before, tokensAfter: promptTokens(d), summarisedMessages: outcome.summarised });
  return true;
}

/** One model call with the compaction rules above; text deltas go out as events. */
export async function callModel(d: StepDeps, signal: AbortSignal): Promise<ModelResponse> {
  if (promptTokens(d) > d.budget.compactAt) await compact(d, 'budget', signal);
  const send = () =>
    d.provider.stream({ ...baseRequest(d), messages: d.session.messages, ...(d.outputSchema ? { outputSchema: d.outputSchema } : {}) }, signal, (delta) => d.emit({ type: 'text', delta }));
  let response: ModelResponse;
  try {
    response = await send();
  } catch (err) {
    if (!(err instanceof LlmError && err.kind === 'contextTooLong')) throw err;
    if (!(await compact(d, 'contextTooLong', signal))) throw err;
    response = await send(); // a second contextTooLong propagates: one compaction, one retry
  }
  if (response.usage) {
    d.session.usage.inputTokens += response.usage.inputTokens;
    d.session.usage.outputTokens += response.usage.outputTokens;
    d.emit({
      type: 'usage',
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
      ...(response.usage.cachedTokens ? { cachedTokens: response.usage.cachedTokens } : {}),
      totalInputTokens: d.session.usage.inputTokens,
      totalOutputTokens: d.session.usage.outputTokens,
    });
  }
  return response;
}
