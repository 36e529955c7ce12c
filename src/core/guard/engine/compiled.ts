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

const compiled = new WeakMap<TaintRule[], Map<GuardLanguage, CompiledRules>>();
const rx = (s: string) => new RegExp(s, 'i');

export function compile(rules: TaintRule[], lang: GuardLanguage): CompiledRules {
  let byLang = compiled.get(rules);
  if (!byLang) compiled.set(rules, (byLang = new Map()));
  let c = byLang.get(lang);
  if (c) return c;
  c = { sinks: [], anyCallee: /(?!)/, sanitizers: [], guards: new Map(), builtLike: new Map() };
  for (const rule of rules) {
    for (const spec of rule.sinks[lang] ?? []) {
      c.sinks.push({ rule, spec, valueLike: spec.valueLike ? rx(spec.valueLike) : undefined, callee: spec.callee ? rx(spec.callee) : undefined, assign: spec.assign ? rx(spec.assign) : undefined, when: spec.when ? rx(spec.when) : undefined, unless: spec.unless ? rx(spec.unless) : undefined, returns: spec.returns ? rx(spec.returns) : undefined, unlessFile: spec.unlessFile ? new RegExp(spec.unlessFile, 'im') : undefined });
    }
    for (const s of rule.sanitizers?.[lang] ?? []) c.sanitizers.push({ rule: rule.id, re: rx(s) });
    const g = rule.guards?.[lang];
    if (g) c.guards.set(rule.id, rx(g));
    if (rule.builtLike) c.builtLike.set(rule.id, rx(rule.builtLike));
  }
  const callees = c.sinks.filter((s) => s.spec.callee).map((s) => `(?:${s.spec.callee})`);
  if (callees.length) c.anyCallee = new RegExp(callees.join('|'), 'i');
  byLang.set(lang, c);
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
