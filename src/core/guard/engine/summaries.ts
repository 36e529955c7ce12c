// Owns function summaries: which parameters of a named function reach a sink of a rule that asks for
// them (`"summaries": true`, e.g. command injection), so that a helper such as `run(cmd) { execSync(cmd) }`
// or `openssl(args) { run(`openssl ${args}`) }` becomes a sink itself at its call sites — in the same
// file, and in the files that import it (imports.ts). Summaries are found by running the taint analysis
// with every parameter marked, repeated until no new summary appears (a helper of a helper), bounded.
import type { PlainNode } from './plainTree';
import type { GuardLanguage, TaintRule } from '../rules/types';

/** Parameter `param` (0-based) of the function `fn` reaches a sink of rule `ruleId` (on `line`). */
export interface ParamSummary {
  fn: string;
  param: number;
  ruleId: string;
  line: number;
}

/** A call that is a sink because it calls a summarised function: `names` are the callee texts that call it. */
export interface DerivedSink {
  ruleId: string;
  names: string[];
  arg: number;
  /** How the finding names the helper, e.g. `run() in src/utils.ts, line 12`. */
  via: string;
}

/** Runs the analysis in summary mode once (taint.ts provides it; passed in to keep the import one-way). */
export type SummaryPass = (root: PlainNode, lang: GuardLanguage, rules: TaintRule[], text: string, derived: DerivedSink[]) => ParamSummary[];

/** Helpers of helpers deeper than this are not followed (each round is one walk of the file). */
const MAX_ROUNDS = 4;

const SELF: Record<GuardLanguage, string[]> = { js: ['', 'this.'], python: ['', 'self.', 'cls.'], java: ['', 'this.'] };

/** The sinks a file's own summaries make of calls in that file (`run(…)`, `this.run(…)`, `self.run(…)`). */
export function localSinks(summaries: ParamSummary[], lang: GuardLanguage, path: string): DerivedSink[] {
  return summaries.map((s) => ({ ruleId: s.ruleId, names: SELF[lang].map((p) => p + s.fn), arg: s.param, via: `${s.fn}() (${path}, line ${s.line})` }));
}

export const sameSummary = (a: ParamSummary, b: ParamSummary) => a.fn === b.fn && a.param === b.param && a.ruleId === b.ruleId;

/**
 * The rules whose sinks make summaries in this file: those asking for them, where the file names one of
 * their sinks (`summariesRequire`) or imports a helper that runs one.
 */
export function summarising(rules: TaintRule[], text: string, imported: DerivedSink[]): TaintRule[] {
  return rules.filter((r) => r.summaries && (!r.summariesRequire || imported.some((d) => d.ruleId === r.id) || new RegExp(r.summariesRequire).test(text)));
}

/**
 * Every summary of a file's named functions: rounds of the summary pass, each with the sinks the
 * earlier rounds found (and those imported), until nothing new appears.
 */
export function fileSummaries(pass: SummaryPass, root: PlainNode, lang: GuardLanguage, rules: TaintRule[], path: string, text: string, imported: DerivedSink[]): ParamSummary[] {
  const rs = summarising(rules, text, imported);
  if (!rs.length) return [];
  let all: ParamSummary[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = pass(root, lang, rs, text, [...imported, ...localSinks(all, lang, path)]);
    const fresh = found.filter((s, i) => !all.some((a) => sameSummary(a, s)) && found.findIndex((o) => sameSummary(o, s)) === i);
    if (!fresh.length) break;
    all = [...all, ...fresh];
  }
  return all;
}
