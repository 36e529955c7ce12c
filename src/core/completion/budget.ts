// Owns the prompt budget in tokens: the model's context length (the setting, else guessed from the
// model name), how much of it a completion prompt may use, and its split between prefix, suffix and
// snippets from other files.
//
// Tokens are estimated, not counted: the endpoint may serve any model (Qwen, StarCoder, DeepSeek…),
// whose vocabularies differ from every tokenizer we could bundle, and a BPE pass over the window on
// every keystroke costs milliseconds. The estimate is calibrated to over-count code (BPE code
// tokenizers average 3.3–4 characters per token on source; 3 is taken, and a line break is a
// token), so the budget errs on the short side and never overflows the context.
const CHARS_PER_TOKEN = 3;

/** Estimated tokens of one line including its line break. */
export function lineTokens(line: string): number {
  return Math.ceil(line.length / CHARS_PER_TOKEN) + 1;
}

export function estimateTokens(text: string): number {
  if (!text) return 0;
  let n = 0;
  let start = 0;
  for (;;) {
    const i = text.indexOf('\n', start);
    if (i < 0) return n + Math.ceil((text.length - start) / CHARS_PER_TOKEN);
    n += lineTokens(text.slice(start, i));
    start = i + 1;
  }
}

/** The longest text of at most `tokens` estimated tokens (a prefix of `text`). */
export function clipToTokens(text: string, tokens: number): string {
  return estimateTokens(text) <= tokens ? text : text.slice(0, Math.max(0, tokens * CHARS_PER_TOKEN));
}

const CONTEXT_BY_MODEL: Array<[RegExp, number]> = [
  [/qwen.*coder|codeqwen/i, 32_768],
  [/codestral/i, 32_768],
  [/starcoder2/i, 16_384],
  [/deepseek.*coder/i, 16_384],
  [/code-?llama/i, 16_384],
  [/starcoder|santacoder|stable-?code/i, 8_192],
  [/gpt-3\.5-turbo-instruct|davinci|babbage/i, 4_096],
  [/gpt-4o|gpt-4\.1|gpt-5|o[134]-|claude|gemini/i, 128_000],
];

/** The context length of the model: the setting when positive, else a guess from its name. */
export function contextTokensFor(model: string, setting = 0): number {
  if (setting > 0) return setting;
  for (const [re, n] of CONTEXT_BY_MODEL) if (re.test(model)) return n;
  return 4_096;
}

export interface TokenBudget {
  prefixTokens: number;
  suffixTokens: number;
  snippetTokens: number;
}

/**
 * The largest prompt worth sending: beyond it a local model spends more time reading the prompt than
 * the extra context is worth for a completion (Continue uses 1,024 by default; files-aware FIM
 * models gain from more room for snippets).
 */
export const PROMPT_CAP_TOKENS = 3_072;

/**
 * Splits what the context leaves after the answer: 45 % prefix, 15 % suffix, 40 % snippets
 * (Continue's 30 % prefix / 20 % suffix is the reference; the nearest code before the cursor is what
 * a FIM model relies on most, so it gets more). What the suffix does not use goes to the prefix.
 */
export function splitBudget(contextTokens: number, maxTokens: number): TokenBudget {
  const prompt = Math.max(256, Math.min(PROMPT_CAP_TOKENS, contextTokens - maxTokens - 64));
  const suffixTokens = Math.floor(prompt * 0.15);
  const snippetTokens = Math.floor(prompt * 0.4);
  return { prefixTokens: prompt - suffixTokens - snippetTokens, suffixTokens, snippetTokens };
}
