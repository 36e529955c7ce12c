// Owns one model call of a turn: compacts first when the conversation nears the budget, streams the
// answer, and on a "context too long" error compacts once and retries once — never more, so a
// server that keeps refusing cannot trap the turn in a loop. Before every call, large arguments and
// results already acted on are replaced by short descriptions (elision.ts); when even compaction
// cannot make the request fit, the error says what the user can do.
import { LlmError } from '../llm/errors';
import type { Message, ModelProvider, ModelRequest, ModelResponse, ToolSpec } from '../llm/provider';
import { compactConversation } from './compaction';
import { estimateRequestTokens, toolOutputCap, truncateOutput, type Budget } from '../llm/tokens';
import { DEFAULT_ARG_CHARS, elideActedOn, type ElisionLimits } from './elision';
import { withPlan } from './planMemory';
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
    // One key per task: every call of it (the summary's too) shares the server's prompt cache.
    cacheKey: d.session.id,
    ...(d.maxOutputTokens ? { maxOutputTokens: d.maxOutputTokens } : {}),
    ...(d.temperature !== undefined ? { temperature: d.temperature } : {}),
  };
}

export function promptTokens(d: StepDeps, messages: Message[] = d.session.messages): number {
  return estimateRequestTokens(d.system, d.tools, messages);
}

/** Elides acted-on large content in the session; returns how many items were replaced. */
export function elide(d: StepDeps, limits: ElisionLimits): number {
  const { messages, changed } = elideActedOn(d.session.messages, limits);
  if (changed) d.session.rewrite(messages);
  return changed;
}

/** Compacts the session; returns false when there was nothing to compact. */
export async function compact(d: StepDeps, reason: 'budget' | 'contextTooLong' | 'manual', signal: AbortSignal): Promise<boolean> {
  const before = promptTokens(d);
  // Compacting: every acted-on result over a couple of thousand characters goes too, so the summary
  // request itself fits (it carries the older part) and the kept tail is small.
  let elided = elide(d, { argChars: DEFAULT_ARG_CHARS, resultChars: DEFAULT_ARG_CHARS });
  // A result the model has not seen yet stays, but never over today's output cap (a restored task
  // may carry one from before the cap existed).
  const cap = toolOutputCap(d.budget);
  if (d.session.messages.some((m) => m.role === 'tool' && m.content.length > cap)) {
    d.session.rewrite(d.session.messages.map((m) => (m.role === 'tool' && m.content.length > cap ? { ...m, content: truncateOutput(m.content, cap) } : m)));
    elided++;
  }
  // Near the budget, keep the recent part at about a third of it so the summary has room; on /compact
  // or when the
  // server refused (our estimate was wrong), keep only the latest step.
  const keepTokens = reason === 'budget' ? Math.max(256, Math.floor(d.budget.compactAt / 3)) : 0;
  const outcome = await compactConversation({ provider: d.provider, base: baseRequest(d), messages: d.session.messages, keepTokens, currentTask: d.task, signal });
  if (!outcome) {
    if (elided) d.emit({ type: 'compaction', reason, tokensBefore: before, tokensAfter: promptTokens(d), summarisedMessages: 0 });
    return elided > 0;
  }
  d.session.replace(withPlan(outcome.messages, outcome.kept, d.session.plan));
  d.emit({ type: 'compaction', reason, tokensBefore: before, tokensAfter: promptTokens(d), summarisedMessages: outcome.summarised, keptMessages: outcome.kept, method: outcome.method, ...(outcome.serverFailure ? { serverFailure: outcome.serverFailure } : {}) });
  return true;
}

/** One model call with the compaction rules above; text deltas go out as events. */
export async function callModel(d: StepDeps, signal: AbortSignal): Promise<ModelResponse> {
  elide(d, { argChars: DEFAULT_ARG_CHARS, resultChars: toolOutputCap(d.budget) });
  if (promptTokens(d) > d.budget.compactAt) {
    try {
      await compact(d, 'budget', signal);
    } catch (e) {
      // The summary request itself was refused as too long: nothing smaller is left to try.
      throw e instanceof LlmError && e.kind === 'contextTooLong' ? stillTooLong(d, e, false) : e;
    }
  }
  const send = () =>
    d.provider.stream({ ...baseRequest(d), messages: d.session.messages, ...(d.outputSchema ? { outputSchema: d.outputSchema } : {}), onReasoning: (delta) => d.emit({ type: 'reasoning', delta }) }, signal, (delta) => d.emit({ type: 'text', delta }));
  let response: ModelResponse;
  try {
    response = await send();
  } catch (err) {
    if (!(err instanceof LlmError && err.kind === 'contextTooLong')) throw err;
    const tooLong = (e: unknown, compacted: boolean) => (e instanceof LlmError && e.kind === 'contextTooLong' ? stillTooLong(d, e, compacted) : e);
    let compacted: boolean;
    try {
      compacted = await compact(d, 'contextTooLong', signal); // the summary request may be refused too
    } catch (e) {
      throw tooLong(e, false);
    }
    if (!compacted) throw stillTooLong(d, err, false);
    try {
      response = await send(); // one compaction, one retry: a second refusal ends the turn
    } catch (again) {
      throw tooLong(again, true);
    }
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

/** The final contextTooLong error: what happened, the sizes, and what the user can do about it. */
export function stillTooLong(d: StepDeps, err: LlmError, compacted: boolean): LlmError {
  const what = compacted
    ? `The conversation is still longer than the model's context window at ${d.provider.where} after compacting it once.`
    : `The request is longer than the model's context window at ${d.provider.where}, and compacting could not make it fit.`;
  const sizes = `Tandem estimates it at ${promptTokens(d).toLocaleString('en-US')} tokens and takes the window to be ${d.budget.window.toLocaleString('en-US')} tokens.`;
  const todo = 'Start a new task, make the request smaller (less pasted text, narrower files), or use a model with a larger window; if the server\'s window is smaller than Tandem assumes, set tandem.agent.contextWindow to it.';
  return new LlmError('contextTooLong', `${what} ${sizes} ${todo}`, err.status, undefined, err.detail);
}
