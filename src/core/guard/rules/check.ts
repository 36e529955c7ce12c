// Owns checking the rule files when they load: required fields, known languages and severities, and
// every regex compiles. A broken rule file fails loudly with its id and what is wrong, instead of a
// rule that silently never fires. (Tree-sitter queries are compiled on first use per language.)
import type { GuardLanguage, GuardRule } from './types';

const LANGS: GuardLanguage[] = ['js', 'python', 'java'];

function fail(id: string, what: string): never {
  throw new Error(`The guard rule "${id}" is invalid: ${what}. Fix its rule.json under src/core/guard/rules/${id}/.`);
}

function regex(id: string, where: string, src: unknown): void {
  if (typeof src !== 'string') fail(id, `${where} must be a string regex`);
  try {
    new RegExp(src, 'i');
  } catch (err) {
    fail(id, `${where} is not a valid regex (${(err as Error).message})`);
  }
}

export function checkRules(list: unknown[]): GuardRule[] {
  const seen = new Set<string>();
  for (const raw of list) {
    const r = raw as GuardRule;
    const id = typeof r.id === 'string' ? r.id : '(no id)';
    if (seen.has(id)) fail(id, 'the id is used twice');
    seen.add(id);
    if (!/^CWE-\d+$/.test(r.cwe ?? '')) fail(id, 'cwe must look like CWE-89');
    if (!['high', 'medium', 'low'].includes(r.severity)) fail(id, 'severity must be high, medium or low');
    if (!r.message || !r.fix) fail(id, 'message and fix are required');
    if (!Array.isArray(r.languages) || !r.languages.length || r.languages.some((l) => !LANGS.includes(l))) fail(id, `languages must list some of ${LANGS.join(', ')}`);
    if (r.requires !== undefined) regex(id, 'requires', r.requires);
    if (r.kind === 'taint') {
      for (const [lang, sinks] of Object.entries(r.sinks ?? {})) {
        for (const [i, s] of (sinks ?? []).entries()) {
          if (!s.callee && !s.assign && !s.returns) fail(id, `sink ${lang}[${i}] needs a callee, an assign or a returns regex`);
          for (const k of ['callee', 'assign', 'returns', 'when', 'unless', 'unlessFile'] as const) if (s[k] !== undefined) regex(id, `sinks.${lang}[${i}].${k}`, s[k]);
        }
      }
      for (const [lang, list2] of Object.entries(r.sanitizers ?? {})) for (const [i, s] of (list2 ?? []).entries()) regex(id, `sanitizers.${lang}[${i}]`, s);
      for (const [lang, g] of Object.entries(r.guards ?? {})) regex(id, `guards.${lang}`, g);
      if (r.builtLike !== undefined) regex(id, 'builtLike', r.builtLike);
      if (r.summariesRequire !== undefined) regex(id, 'summariesRequire', r.summariesRequire);
    } else if (r.kind === 'query') {
      if (r.literal !== undefined) regex(id, 'literal', r.literal);
      else if (!r.languages.every((l) => typeof r.queries?.[l] === 'string')) fail(id, 'every language needs a query (or a literal regex)');
      if (r.check !== undefined && !['secret', 'credential', 'weakRandom'].includes(r.check)) fail(id, 'check must be "secret", "credential" or "weakRandom"');
      for (const [k, v] of Object.entries({ ...r.where, ...r.unless })) regex(id, `where/unless.${k}`, v);
      if (r.params !== undefined && typeof r.params !== 'boolean') fail(id, 'params must be true or false');
      if (r.unlessFile !== undefined) regex(id, 'unlessFile', r.unlessFile);
      if (r.unlessFunction !== undefined) regex(id, 'unlessFunction', r.unlessFunction);
    } else fail(id, 'kind must be "taint" or "query"');
  }
  return list as GuardRule[];
}
