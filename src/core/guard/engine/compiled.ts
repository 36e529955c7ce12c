// Owns the taint rules compiled for one language: each sink's regexes, the sanitisers, guards and
// built-text patterns by rule, one regex of all sink callees (to skip calls that are no sink), and the
// calls that are sinks because they call a summarised helper (summaries.ts). Moved out of taint.ts.
import type { GuardLanguage, SinkSpec, TaintRule } from '../rules/types';
import type { DerivedSink } from './summaries';

export interface CompiledSink {
  rule: TaintRule;
  spec: SinkSpec;
  valueLike?: RegExp;
  callee?: RegExp;
  assign?: RegExp;
  when?: RegExp;
  unless?: RegExp;
  returns?: RegExp;
  unlessFile?: RegExp;
}

export interface CompiledRules {
  sinks: CompiledSink[];
  /** All call sinks' callee regexes in one, to skip the per-sink loop for the many calls that are no sink. */
  anyCallee: RegExp;
  /** Calls of summarised helpers, by the exact callee text that calls them (summaries.ts). */
  derived?: Map<string, CompiledSink[]>;
  sanitizers: Array<{ rule: string; re: RegExp }>;
  guards: Map<string, RegExp>;
  builtLike: Map<string, RegExp>;
}

/** By language and rule ids: each file picks its rules (by `requires`), and the same pick is compiled once. */
const compiled = new Map<string, { rules: TaintRule[]; c: CompiledRules }>();
const MAX_COMPILED = 256;
/** One RegExp per callee alternation source, so a prefilter compiled (and tiered up by V8) once serves every set. */
const prefilters = new Map<string, RegExp>();
const rx = (s: string) => new RegExp(s, 'i');

function calleePrefilter(rules: TaintRule[], lang: GuardLanguage): RegExp {
  const callees = rules.flatMap((r) => (r.sinks[lang] ?? []).filter((s) => s.callee).map((s) => `(?:${s.callee})`));
  if (!callees.length) return /(?!)/;
  const source = callees.join('|');
  let re = prefilters.get(source);
  if (!re) prefilters.set(source, (re = new RegExp(source, 'i')));
  return re;
}

/**
 * The rules compiled for `lang`. `universe`, when it holds every one of `rules` (the language's
 * built-in rules), gives the callee prefilter: the same regex whichever rules a file picked — a wider
 * prefilter only lets more calls reach the per-sink loop, which checks each sink's own callee.
 */
export function compile(rules: TaintRule[], lang: GuardLanguage, universe?: readonly TaintRule[]): CompiledRules {
  const key = `${lang}\0${rules.map((r) => r.id).join('\0')}`;
  const hit = compiled.get(key);
  if (hit && hit.rules.length === rules.length && hit.rules.every((r, i) => r === rules[i])) return hit.c;
  const c: CompiledRules = { sinks: [], anyCallee: /(?!)/, sanitizers: [], guards: new Map(), builtLike: new Map() };
  for (const rule of rules) {
    for (const spec of rule.sinks[lang] ?? []) {
      c.sinks.push({ rule, spec, valueLike: spec.valueLike ? rx(spec.valueLike) : undefined, callee: spec.callee ? rx(spec.callee) : undefined, assign: spec.assign ? rx(spec.assign) : undefined, when: spec.when ? rx(spec.when) : undefined, unless: spec.unless ? rx(spec.unless) : undefined, returns: spec.returns ? rx(spec.returns) : undefined, unlessFile: spec.unlessFile ? new RegExp(spec.unlessFile, 'im') : undefined });
    }
    for (const s of rule.sanitizers?.[lang] ?? []) c.sanitizers.push({ rule: rule.id, re: rx(s) });
    const g = rule.guards?.[lang];
    if (g) c.guards.set(rule.id, rx(g));
    if (rule.builtLike) c.builtLike.set(rule.id, rx(rule.builtLike));
  }
  c.anyCallee = calleePrefilter(universe && rules.every((r) => universe.includes(r)) ? [...universe] : rules, lang);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, { rules: [...rules], c });
  return c;
}

/** The compiled rules plus the calls that are sinks because they call a summarised helper (summaries.ts). */
export function withDerived(c: CompiledRules, rules: TaintRule[], derived: DerivedSink[]): CompiledRules {
  if (!derived.length) return c;
  const byName = new Map<string, CompiledSink[]>();
  for (const d of derived) {
    const rule = rules.find((r) => r.id === d.ruleId);
    if (!rule) continue;
    // Looked up by name, so its regex accepts every name; `via` rides on the spec to report(): how the finding names the helper.
    const sink: CompiledSink = { rule, spec: { args: [d.arg], via: d.via } as SinkSpec, callee: /^/ };
    for (const name of d.names) byName.set(name, [...(byName.get(name) ?? []), sink]);
  }
  return { ...c, derived: byName };
}
