// Owns running the parser engine on one file: parse, copy the tree, run the taint and query rules.
// scan.ts loads this module on the first file that has a grammar, so the tree-sitter runtime is
// never loaded at activation or on the completion path.
import type { Finding } from '../../changes/finding';
import { RULES } from '../rules/index';
import type { GuardLanguage, QueryRule, TaintRule } from '../rules/types';
import { freeTree, parse, type Parsed } from './parse';
import { plainTree } from './plainTree';
import type { SyntaxNode } from '../../syntax/treeSitter';
import { queryFindings } from './structural';
import { fileSummaries, localSinks, type DerivedSink, type ParamSummary } from './summaries';
import { taintFindings, taintSummaries } from './taint';

export { parse };
export type ParseFn = typeof parse;

const requiredCache = new Map<string, RegExp>();
const requiredText = (src: string) => {
  let re = requiredCache.get(src);
  if (!re) requiredCache.set(src, (re = new RegExp(src)));
  return re;
};

/** Node types whose insides the analysis never reads (types, plain string literals, comments). */
const OPAQUE: Record<GuardLanguage, ReadonlySet<string>> = {
  js: new Set(['type_annotation', 'type_arguments', 'type_parameters', 'interface_declaration', 'type_alias_declaration', 'string', 'regex', 'comment']),
  python: new Set(['comment', 'type']),
  java: new Set(['string_literal', 'type_arguments', 'type_parameters', 'line_comment', 'block_comment', 'marker_annotation']),
};

const rulesFor = (lang: GuardLanguage, text: string, disabled: string[]) =>
  RULES.filter((r) => r.languages.includes(lang) && !disabled.includes(r.id) && (!r.requires || requiredText(r.requires).test(text)));

/** Every built-in taint rule of the language, whatever the text: the callee prefilter is built from these once (compiled.ts). */
const universes = new Map<GuardLanguage, TaintRule[]>();
const universeOf = (lang: GuardLanguage): TaintRule[] => {
  let u = universes.get(lang);
  if (!u) universes.set(lang, (u = RULES.filter((r): r is TaintRule => r.kind === 'taint' && r.languages.includes(lang))));
  return u;
};

/** Where a tree that has a syntax error first has one, as a sentence ("a syntax error on line 3", "a missing ) on line 3"). */
function firstError(root: SyntaxNode): string {
  let n = root;
  for (let guard = 0; guard < 10_000; guard++) {
    if (n.isMissing) return `a missing ${n.type} on line ${n.startPosition.row + 1}`;
    if (n.type === 'ERROR') break;
    const next = n.children.find((c): c is SyntaxNode => !!c && (c.hasError || c.isMissing || c.type === 'ERROR'));
    if (!next) break;
    n = next;
  }
  return `a syntax error on line ${n.startPosition.row + 1}`;
}

/**
 * Every rule's findings in a parsed file, unsorted; frees the tree. `imported` are the sinks made by
 * the summarised functions of the files this one imports (imports.ts); the file's own are added here.
 * `partial` says why part of the file was not analysed: code that does not parse (the rest was), or
 * nesting deeper than the analysis follows.
 */
export function engineFindings(parsed: Parsed, lang: GuardLanguage, path: string, text: string, disabled: string[], imported: DerivedSink[] = []): { findings: Finding[]; partial?: string } {
  try {
    const rules = rulesFor(lang, text, disabled);
    const taint = rules.filter((r): r is TaintRule => r.kind === 'taint');
    const query = rules.filter((r): r is QueryRule => r.kind === 'query');
    const plain = plainTree(parsed.tree, text, OPAQUE[lang]);
    const universe = universeOf(lang);
    const own = localSinks(fileSummaries((r, l, rs, t, d) => taintSummaries(r, l, rs, t, d, universe), plain, lang, taint, path, text, imported), lang, path);
    const note: { truncated?: boolean } = {};
    const findings = [...taintFindings(plain, lang, taint, path, text, [...imported, ...own], universe, note), ...queryFindings(parsed.tree, plain, parsed.language, lang, query, path, text)];
    const why = [...(parsed.tree.rootNode.hasError ? [`${firstError(parsed.tree.rootNode)}; the code around it was not analysed`] : []), ...(note.truncated ? ['code nested too deeply was not followed'] : [])];
    return { findings, ...(why.length ? { partial: why.join('; ') } : {}) };
  } finally {
    freeTree(parsed);
  }
}

/** The summaries of a parsed file's named functions (for the files that import it); frees the tree. */
export function engineSummaries(parsed: Parsed, lang: GuardLanguage, path: string, text: string, disabled: string[], imported: DerivedSink[] = []): ParamSummary[] {
  try {
    const taint = rulesFor(lang, text, disabled).filter((r): r is TaintRule => r.kind === 'taint');
    const universe = universeOf(lang);
    return fileSummaries((r, l, rs, t, d) => taintSummaries(r, l, rs, t, d, universe), plainTree(parsed.tree, text, OPAQUE[lang]), lang, taint, path, text, imported);
  } finally {
    freeTree(parsed);
  }
}
