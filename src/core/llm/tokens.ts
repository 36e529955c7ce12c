// Owns the arithmetic of the context window: token estimates, the budget per model, and truncation of
// large tool outputs. Estimates are a heuristic (about 4 characters per token for English and code,
// plus a small per-message overhead) — good enough to decide when to compact; the server's
// contextTooLong error is the safety net when the heuristic is wrong.
import type { Message, ToolSpec } from './provider';

const CHARS_PER_TOKEN = 4;
/** Role markers and separators every message costs on the wire. */
const MESSAGE_OVERHEAD = 4;
/** An image of up to 2048 px costs about this many tokens on the hosted APIs (high detail). */
export const IMAGE_TOKENS = 1_100;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateMessageTokens(m: Message): number {
  let chars = m.content.length;
  if (m.role === 'assistant') for (const c of m.toolCalls ?? []) chars += c.name.length + c.arguments.length + c.id.length;
  if (m.role === 'tool') chars += m.toolCallId.length;
  const images = m.role === 'assistant' ? 0 : (m.images?.length ?? 0);
  return Math.ceil(chars / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD + images * IMAGE_TOKENS;
}

/** Estimated prompt size of one request: system prompt, tool schemas and messages. */
export function estimateRequestTokens(system: string, tools: ToolSpec[], messages: Message[]): number {
  let total = estimateTextTokens(system) + estimateTextTokens(JSON.stringify(tools));
  for (const m of messages) total += estimateMessageTokens(m);
  return total;
}

/**
 * Context windows (tokens) by model-name pattern, first match wins. Conservative where a family
 * varies; override with `contextWindow` (setting tandem.agent.contextWindow) when a server differs.
 */
export const CONTEXT_WINDOWS: ReadonlyArray<readonly [RegExp, number]> = [
  [/gpt-4\.1/i, 1_000_000],
  [/gpt-5/i, 400_000],
  [/gpt-4o|gpt-4-turbo/i, 128_000],
  [/(^|[^a-z0-9])o[134]([^a-z0-9]|$)/i, 200_000],
  [/gpt-4/i, 8_192],
  [/gpt-3\.5/i, 16_385],
  [/claude/i, 200_000],
  [/gemini/i, 1_000_000],
  [/qwen3/i, 40_960],
  [/qwen2\.5-coder|qwen/i, 32_768],
  [/deepseek/i, 64_000],
  [/codestral/i, 32_768],
  [/llama-?3\.[1-3]|llama3\.[1-3]/i, 128_000],
  [/mistral|mixtral/i, 32_768],
  [/gemma/i, 8_192],
];
export const DEFAULT_CONTEXT_WINDOW = 32_768;

export interface Budget {
  /** The model's whole context window. */
  window: number;
  /** Tokens kept free for the answer. */
  reservedForOutput: number;
  /** Compact when the prompt estimate passes this. */
  compactAt: number;
}

export function contextWindowFor(model: string, override?: number): number {
  if (override && override > 0) return override;
  for (const [pattern, size] of CONTEXT_WINDOWS) if (pattern.test(model)) return size;
  return DEFAULT_CONTEXT_WINDOW;
}

export function budgetFor(model: string, override?: number): Budget {
  const window = contextWindowFor(model, override);
  const reservedForOutput = Math.min(8_192, Math.floor(window / 4));
  // Compact a little before the limit: estimates are approximate.
  const compactAt = Math.floor((window - reservedForOutput) * 0.85);
  return { window, reservedForOutput, compactAt };
}

/**
 * Keeps the head and the tail of a long tool output (the command line and the final error are what
 * matter most) with a notice in the middle telling the model what was left out and how to see it.
 */
export function truncateOutput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const keep = Math.max(0, maxChars - 200);
  const head = Math.ceil(keep * 0.4);
  const tail = keep - head;
  const omitted = text.length - head - tail;
  const lines = text.slice(head, text.length - tail).split('\n').length - 1;
  return `${text.slice(0, head)}\n[… ${omitted} characters (${lines} lines) omitted to fit the context window; read a narrower range or filter the output to see them …]\n${text.slice(text.length - tail)}`;
}

/** A tool output cap in characters for a budget: at most a quarter of the window, at most 40k characters. */
export function toolOutputCap(budget: Budget): number {
  return Math.min(40_000, Math.floor((budget.window / 4) * CHARS_PER_TOKEN));
}
