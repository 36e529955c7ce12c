// Owns the cost of model calls from the prices in tandem.chat.pricing: US dollars per million
// tokens for input, cached input and output, per model name (a trailing `*` matches a prefix; the
// longest match wins). Without a price for the model there is no cost — never a guessed one.

export interface ModelPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
  /** USD per million cached input tokens; defaults to the input price. */
  cachedInput?: number;
}

export type PricingTable = Record<string, ModelPrice>;

export interface CallUsage {
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens served from the provider's prompt cache. */
  cachedTokens?: number;
}

const price = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The valid entries of a tandem.chat.pricing value, and what was wrong with the others. */
export function parsePricing(raw: unknown): { table: PricingTable; errors: string[] } {
  const table: PricingTable = {};
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { table, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { table, errors: ['tandem.chat.pricing must be an object: { "model": { "input": 2.5, "output": 10 } } (USD per million tokens).'] };
  for (const [model, v] of Object.entries(raw as Record<string, unknown>)) {
    const p = v as Partial<Record<keyof ModelPrice, unknown>> | null;
    if (!p || typeof p !== 'object' || !price(p.input) || !price(p.output) || (p.cachedInput !== undefined && !price(p.cachedInput))) {
      errors.push(`tandem.chat.pricing["${model}"] needs "input" and "output" (and optionally "cachedInput") as numbers of USD per million tokens, 0 or more.`);
      continue;
    }
    table[model] = { input: p.input as number, output: p.output as number, ...(p.cachedInput !== undefined ? { cachedInput: p.cachedInput as number } : {}) };
  }
  return { table, errors };
}

/** The price of `model`: an exact entry, else the longest `prefix*` entry that matches; case-insensitive. */
export function priceFor(table: PricingTable, model: string): ModelPrice | undefined {
  const name = model.toLowerCase();
  let best: { len: number; price: ModelPrice } | undefined;
  for (const [key, p] of Object.entries(table)) {
    const k = key.toLowerCase();
    if (k === name) return p;
    if (k.endsWith('*') && name.startsWith(k.slice(0, -1)) && (!best || k.length > best.len)) best = { len: k.length, price: p };
  }
  return best?.price;
}

/** USD for one call. Cached tokens are billed at the cached price; never more than inputTokens of them. */
export function costOf(u: CallUsage, p: ModelPrice): number {
  const cached = Math.min(Math.max(0, u.cachedTokens ?? 0), u.inputTokens);
  const fresh = u.inputTokens - cached;
  return (fresh * p.input + cached * (p.cachedInput ?? p.input) + u.outputTokens * p.output) / 1_000_000;
}

/** "$0.42", "$0.0031", "<$0.0001". */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toPrecision(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}`;
}
