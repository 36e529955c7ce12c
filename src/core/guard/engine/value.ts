// Owns the abstract value the taint analysis computes for an expression: is it constant, does it
// carry untrusted input, was it built by concatenation or formatting, which rules' sanitisers it
// passed, and on which lines it was read or built (reported as `related`).
export interface Value {
  /** Not a compile-time constant. */
  dyn: boolean;
  /** Carries untrusted input (a source). */
  taint: boolean;
  /** Built by concatenation, interpolation or formatting with a non-constant part. */
  built: boolean;
  /** The constant text parts, joined (capped), to tell a query string from any string. */
  text: string;
  /** Lines where the value was read from a source or assigned, latest first. */
  lines: number[];
  /** What the untrusted input was, e.g. `req.query.id`. */
  source?: string;
  /** Rules for which every non-constant part went through a sanitiser. */
  clean: string[];
  /** An array or list literal (separate program arguments, not one command line). */
  array?: boolean;
  /** A dict or object literal (frameworks write it as JSON); join() drops it. */
  record?: boolean;
  /** When function summaries are computed: the parameters (`<function start>:<index>`) the value comes from. */
  params?: string[];
  /**
   * Not constant, but computed only from constants (an unknown call whose inputs are all constant:
   * `Config.command()`, `getClass().getName()`): configuration, not input — it does not make text "built".
   */
  config?: boolean;
  /** The untrusted parts all reached it through unknown calls' results (what a query or a file read returned), not as their own text. */
  indirect?: boolean;
  /** A compile-time literal (fold.ts), for conditions and constant keys; join() drops it. */
  lit?: string | number | boolean | null;
  /** A list whose elements are known one by one (shapes.ts); join() drops it. */
  items?: Value[];
  /** A map whose entries are known by constant key (shapes.ts); join() drops it. */
  entries?: Record<string, Value>;
}

const MAX_TEXT = 400;
const MAX_LINES = 4;

export const constant = (text = ''): Value => ({ dyn: false, taint: false, built: false, text: text.slice(0, MAX_TEXT), lines: [], clean: [] });
export const dynamic = (lines: number[] = []): Value => ({ dyn: true, taint: false, built: false, text: '', lines, clean: [] });
export const tainted = (source: string, line: number): Value => ({ dyn: true, taint: true, built: false, text: '', lines: [line], source, clean: [] });

export function mergeLines(a: number[], b: number[]): number[] {
  const out = [...a];
  for (const l of b) if (!out.includes(l)) out.push(l);
  return out.slice(0, MAX_LINES);
}

/** The value of an expression made of these parts. `build` marks concatenation/formatting. */
export function join(parts: Value[], build = false): Value {
  const dynParts = parts.filter((p) => p.dyn);
  // Clean for a rule when every part that matters went through its sanitiser: the untrusted parts
  // if there are any (`path.join(base, basename(req.query.f))`), else every non-constant part.
  const relevant = parts.some((p) => p.taint) ? parts.filter((p) => p.taint) : dynParts;
  let clean: string[] = [];
  if (relevant.length) clean = relevant.slice(1).reduce((acc, p) => acc.filter((r) => p.clean.includes(r)), relevant[0].clean);
  const source = parts.find((p) => p.taint)?.source;
  const indirect = parts.some((p) => p.taint) && parts.every((p) => !p.taint || p.indirect);
  // Only while summaries are computed do values carry parameters: keep the common path allocation-free.
  const withParams = parts.filter((p) => p.params);
  const params = withParams.length <= 1 ? (withParams[0]?.params ?? []) : [...new Set(withParams.flatMap((p) => p.params ?? []))];
  return {
    dyn: dynParts.length > 0,
    taint: parts.some((p) => p.taint),
    built: parts.some((p) => p.built) || (build && dynParts.some((p) => !p.config)),
    ...(dynParts.length && dynParts.every((p) => p.config) ? { config: true } : {}),
    text: parts.map((p) => p.text).join(' ').slice(0, MAX_TEXT),
    lines: parts.reduce<number[]>((acc, p) => mergeLines(acc, p.lines), []),
    ...(source ? { source } : {}),
    ...(indirect ? { indirect } : {}),
    ...(params.length ? { params } : {}),
    clean,
  };
}

export const withLine = (v: Value, line: number): Value => ({ ...v, lines: mergeLines([line], v.lines) });
export const cleanedFor = (v: Value, rules: string[]): Value => ({ ...v, clean: [...new Set([...v.clean, ...rules])] });
