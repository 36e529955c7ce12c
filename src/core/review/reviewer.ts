// Owns the model reviewer: before a change is shown for approval, a (reasoning) model reads the
// diff as data and answers in the fixed schema (schema.ts) — sent as response_format where the
// server takes it, validated with ajv either way, one repair turn — and its findings join the
// guard's, marked as the model's, with the time and cost of the review. A reviewer that fails
// (invalid JSON twice, the server down) says it failed; it never reads as "no issues".
import type { ProposedChange } from '../changes/change';
import type { Finding } from '../changes/finding';
import type { ChangeReviewer, ReviewOutcome } from '../changes/review';
import { LlmError } from '../llm/errors';
import { costOf, formatCost, priceFor, type PricingTable } from '../llm/pricing';
import type { Message, ModelProvider, ModelRequest, ModelResponse } from '../llm/provider';
import { injectionFindings } from './injection';
import { REVIEW_SYSTEM, repairMessage, reviewPrompt } from './prompt';
import { checkReviewAnswer, REVIEW_SCHEMA, REVIEW_SCHEMA_NAME, toFindings } from './schema';
import { shouldReview } from './sensitive';
import type { ReviewWhen } from './when';

export interface ReviewerOptions {
  provider: ModelProvider;
  model: string;
  /** tandem.review.when (the CLI's `tandem review` uses 'always'). */
  when: ReviewWhen;
  /** tandem.chat.pricing: the review's cost is shown only when the model has a price. */
  pricing?: PricingTable;
  maxOutputTokens?: number;
  now?: () => number;
}

/** A server that refuses response_format is asked again without it (the answer is validated anyway). */
const REFUSES_FORMAT = /response_format|json_schema|structured output|text\.format/i;

class ReviewCall {
  inputTokens = 0;
  outputTokens = 0;
  cachedTokens = 0;
  constructor(
    private readonly o: ReviewerOptions,
    private readonly state: { sendsFormat: boolean },
  ) {}

  async ask(messages: Message[], signal: AbortSignal): Promise<ModelResponse> {
    const request: ModelRequest = {
      model: this.o.model,
      system: REVIEW_SYSTEM,
      messages,
      tools: [],
      ...(this.o.maxOutputTokens ? { maxOutputTokens: this.o.maxOutputTokens } : {}),
      // A copy: the request object is the provider's to serialise; the frozen schema stays ours.
      ...(this.state.sendsFormat ? { outputSchema: { name: REVIEW_SCHEMA_NAME, schema: structuredClone(REVIEW_SCHEMA) as Record<string, unknown> } } : {}),
    };
    let r: ModelResponse;
    try {
      r = await this.o.provider.stream(request, signal, () => undefined);
    } catch (err) {
      if (!(this.state.sendsFormat && err instanceof LlmError && err.kind === 'badRequest' && REFUSES_FORMAT.test(`${err.detail ?? ''} ${err.message}`))) throw err;
      this.state.sendsFormat = false;
      return this.ask(messages, signal);
    }
    this.inputTokens += r.usage?.inputTokens ?? 0;
    this.outputTokens += r.usage?.outputTokens ?? 0;
    this.cachedTokens += r.usage?.cachedTokens ?? 0;
    return r;
  }
}

function lineTools(changes: ProposedChange[]) {
  const texts = new Map(changes.filter((c) => c.newText !== undefined).map((c) => [c.newPath ?? c.path, c.newText!.split('\n')]));
  return {
    lineCount: (p: string) => texts.get(p)?.length,
    snippet: (p: string, line: number) => (texts.get(p)?.[line - 1] ?? '').trim().slice(0, 200),
  };
}

/** Drops the model's findings that repeat one already reported (same file, line and CWE). */
function withoutRepeats(mine: Finding[], known: Finding[]): Finding[] {
  const seen = new Set(known.map((f) => `${f.path}:${f.line}:${f.cwe}`));
  return mine.filter((f) => {
    const key = `${f.path}:${f.line}:${f.cwe}`;
    if (f.cwe && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reviews one set of changes. Never throws for a model failure: the outcome says the review failed. */
export async function reviewChanges(o: ReviewerOptions, changes: ProposedChange[], guardFindings: Finding[], signal: AbortSignal, state = { sendsFormat: true }): Promise<ReviewOutcome> {
  const now = o.now ?? Date.now;
  const started = now();
  const decision = shouldReview(o.when, changes, guardFindings);
  if (!decision.review) return { status: 'skipped', findings: [], model: o.model, durationMs: 0, note: `Not reviewed: ${decision.reason}.` };
  // The reviewer's own check stands whatever the model answers.
  const injected = injectionFindings(changes);
  const call = new ReviewCall(o, state);
  const finish = (status: ReviewOutcome['status'], findings: Finding[], note?: string): ReviewOutcome => {
    const price = o.pricing ? priceFor(o.pricing, o.model) : undefined;
    const usage = { inputTokens: call.inputTokens, outputTokens: call.outputTokens, cachedTokens: call.cachedTokens };
    return {
      status,
      findings: withoutRepeats(findings, guardFindings),
      model: o.model,
      durationMs: Math.max(0, now() - started),
      ...(call.inputTokens || call.outputTokens ? { inputTokens: call.inputTokens, outputTokens: call.outputTokens } : {}),
      ...(price ? { costUsd: costOf(usage, price) } : {}),
      ...(note ? { note } : {}),
    };
  };
  const prompt = reviewPrompt(changes, guardFindings);
  const messages: Message[] = [{ role: 'user', content: prompt.user }];
  try {
    let answer = await call.ask(messages, signal);
    let check = checkReviewAnswer(answer.text);
    if (!check.ok) {
      messages.push({ role: 'assistant', content: answer.text }, { role: 'user', content: repairMessage(check.errors) });
      answer = await call.ask(messages, signal);
      check = checkReviewAnswer(answer.text);
    }
    if (!check.ok) return finish('failed', injected, `The reviewer (${o.model}) failed: it answered twice outside the review schema (${check.errors}). Its opinion is missing; the guard's findings still stand.`);
    const t = lineTools(changes);
    const model = toFindings(check.findings, t.lineCount, t.snippet);
    return finish('ok', [...injected, ...withoutRepeats(model, injected)]);
  } catch (err) {
    if (signal.aborted) throw err;
    const why = err instanceof Error ? err.message : String(err);
    return finish('failed', injected, `The reviewer (${o.model}) failed: ${why} Its opinion is missing; the guard's findings still stand.`);
  }
}

/** The ChangeReviewer port, remembering across reviews whether the server takes response_format. */
export function createReviewer(o: ReviewerOptions): ChangeReviewer {
  const state = { sendsFormat: true };
  return (changes, guardFindings, signal) => reviewChanges(o, changes, guardFindings, signal, state);
}

/**
 * The reviewer every front end builds from its settings (tandem.review.model / --review-model and
 * tandem.review.when / --review-when): undefined when no model is named or the reviewer is off.
 */
export function optionalReviewer(o: Omit<ReviewerOptions, 'model'> & { model: string | undefined }): ChangeReviewer | undefined {
  if (!o.model || o.when === 'off') return undefined;
  return createReviewer({ ...o, model: o.model });
}

/** One line for the card, the agent and the CLI: model, time, tokens and (when priced) cost. */
export function reviewCostLine(r: ReviewOutcome): string {
  const parts = [`${(r.durationMs / 1000).toFixed(1)} s`];
  if (r.inputTokens !== undefined) parts.push(`${r.inputTokens + (r.outputTokens ?? 0)} tokens`);
  if (r.costUsd !== undefined) parts.push(formatCost(r.costUsd));
  return `${r.model}: ${parts.join(', ')}`;
}
