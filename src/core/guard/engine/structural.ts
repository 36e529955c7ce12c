// Owns the query rules: tree-sitter queries for what is not data flow (TLS verification off, trust
// managers that trust everything, weak randomness for tokens, hard-coded secrets). A match is kept
// when its captures pass the rule's `where`/`unless` regexes and its code check; `context` is the
// names around the match: the assignment target, the property key, the enclosing function and class.
import { flowTargets } from './flowNames';
import { Query } from '@vscode/tree-sitter-wasm';
import type { Language, SyntaxNode, Tree } from '../../syntax/treeSitter';
import type { PlainNode } from './plainTree';
import type { Finding } from '../../changes/finding';
import type { GuardLanguage, QueryRule } from '../rules/types';
import { looksLikeCredential, looksLikeSecret } from './secrets';
import { anchorOf } from './syntax';
import { credentialArguments } from './credentialParams';
import { boundCredentials } from './boundCredentials';
import { FileAliases } from './fileAliases';
import { constantText } from './constRef';

const queries = new WeakMap<Language, Map<string, Query>>();

function queryFor(language: Language, rule: QueryRule, lang: GuardLanguage): Query | undefined {
  const src = rule.queries[lang];
  if (!src) return undefined;
  let m = queries.get(language);
  if (!m) queries.set(language, (m = new Map()));
  let q = m.get(rule.id);
  if (!q) {
    try {
      q = new Query(language, src);
    } catch (err) {
      throw new Error(`The guard rule ${rule.id} has a ${lang} query that does not compile: ${(err as Error).message}`);
    }
    m.set(rule.id, q);
  }
  return q;
}

const NAMED_PARENTS: Record<string, string[]> = {
  variable_declarator: ['name'],
  assignment_expression: ['left'],
  assignment: ['left'],
  augmented_assignment: ['left'],
  pair: ['key'],
  keyword_argument: ['name'],
  function_declaration: ['name'],
  function_definition: ['name'],
  method_definition: ['name'],
  method_declaration: ['name'],
  field_definition: ['property'],
  public_field_definition: ['name'],
  return_statement: [],
};

/** The names around a node: what it is assigned to, the key it is stored under, its function and class. */
export function contextNames(n: SyntaxNode): string {
  const names: string[] = [];
  for (let p: SyntaxNode | null = n; p; p = p.parent) {
    for (const f of NAMED_PARENTS[p.type] ?? []) {
      const c = p.childForFieldName(f);
      if (c && c.endIndex - c.startIndex < 120) names.push(c.text);
    }
    if (p.type === 'method_invocation' || p.type === 'call_expression' || p.type === 'call') {
      const callee = p.childForFieldName('name') ?? p.childForFieldName('function');
      if (callee && callee.endIndex - callee.startIndex < 120) names.push(callee.text);
    }
  }
  return names.join(' ');
}

const CLASSES = new Set(['class_body', 'class_declaration', 'class_definition', 'class']);
const METHODS = new Set(['method_declaration', 'method_definition', 'function_definition']);

/**
 * A value stored in a field (`_random = new Random()` in `initRandom()`, `self.rng = random.Random()` in
 * `__init__`) is used by the class's other methods: their names, where they mention the field, say what
 * it is for (`newSessionId`). Empty when the value is not assigned to a field.
 */
export function fieldUsers(n: SyntaxNode): string {
  const a = n.parent;
  if (a?.type !== 'assignment_expression' && a?.type !== 'assignment') return '';
  const target = a.childForFieldName('left');
  const field = target && /^(?:(?:this|self)\.)?([A-Za-z_$][\w$]*)$/.exec(target.text.replace(/\s+/g, ''));
  if (!field || (target.type === 'identifier' && a.type === 'assignment')) return '';
  let cls: SyntaxNode | null = a.parent;
  while (cls && !CLASSES.has(cls.type)) cls = cls.parent;
  if (!cls) return '';
  const mention = new RegExp(`(?:^|[^\\w$.]|(?:this|self)\\.)${esc(field[1])}\\b`);
  const names: string[] = [];
  const stack = [cls];
  while (stack.length) {
    const c = stack.pop()!;
    if (METHODS.has(c.type)) {
      const name = c.childForFieldName('name')?.text;
      if (name && !(a.startIndex >= c.startIndex && a.endIndex <= c.endIndex) && mention.test(c.text)) names.push(name);
      continue;
    }
    for (const k of c.namedChildren) if (k) stack.push(k);
  }
  return names.join(' ');
}

const rx = (s: string) => new RegExp(s, 'i');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For randomness read through a variable or a bare imported function: the variable is declared as a
 * plain (non-cryptographic) generator (`Random rng = new Random()`, `rng = random.Random()`), or the
 * function comes from `from random import …`. The variable's last assignment before the call in its
 * function decides (one function's `rnd = random.Random()` says nothing of another's
 * `rnd = random.SystemRandom()`); with none there (a field, a parameter), the file's declarations do.
 */
function weakRandomSource(caps: Map<string, SyntaxNode>, found: SyntaxNode, text: string): boolean {
  const rng = caps.get('rng')?.text;
  if (rng) {
    const name = esc(rng);
    const fn = enclosingFunction(found);
    if (fn) {
      const before = fn.text.slice(0, found.startIndex - fn.startIndex);
      // Assignments and declarations of the variable: `[Type ]name = value`.
      const assigned = [...before.matchAll(new RegExp(`(?:\\b([\\w.]+)(?:<[^>\\n]*>)?\\s+)?\\b${name}\\s*=(?!=)\\s*([^\\n;]*)`, 'g'))].pop();
      if (assigned) return /^(?:new\s+Random\s*\(|random\.Random\s*\()/.test(assigned[2]) || (assigned[1] === 'Random' && !/Secure|SystemRandom/.test(assigned[2]));
    }
    return new RegExp(`(?<!Secure)Random\\s+${name}\\b|\\b${name}\\s*=\\s*(?:new\\s+Random\\(|random\\.Random\\()`).test(text);
  }
  const bare = caps.get('bare')?.text;
  if (bare) return new RegExp(`from\\s+random\\s+import\\b[^\\n]*\\b${esc(bare)}\\b`).test(text);
  return true;
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function_definition', 'method_declaration', 'constructor_declaration', 'lambda_expression']);

/** The function around a node (undefined at top level). */
function enclosingFunction(n: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return undefined;
}

/** The text of the function around a node (the whole file's text at top level). */
function enclosingFunctionText(n: SyntaxNode, file: string): string {
  return enclosingFunction(n)?.text ?? file;
}

interface Compiled {
  query: Query;
  /** The rule of each pattern, by pattern index. */
  owner: QueryRule[];
  where: Map<string, Array<readonly [string, RegExp]>>;
  unless: Map<string, Array<readonly [string, RegExp]>>;
}

const combined = new WeakMap<Language, Map<string, Compiled>>();

/**
 * All the rules' queries as one query, so the tree is matched in one pass instead of one per rule
 * (matching each rule alone costs a pass over the tree each, 3-20 ms on a 2,000-line file). The
 * joined query is compiled once per set of rules; only when it fails to compile is each rule's query
 * compiled alone, so the error names the broken rule (compiling each one first as well doubled the
 * cost of the first scan).
 */
function compiledFor(language: Language, lang: GuardLanguage, rules: QueryRule[]): Compiled {
  const key = rules.map((r) => r.id).join(',');
  let m = combined.get(language);
  if (!m) combined.set(language, (m = new Map()));
  let c = m.get(key);
  if (c) return c;
  const withQuery = rules.filter((r) => r.queries[lang]);
  const sources = withQuery.map((r) => r.queries[lang] ?? '');
  let query: Query;
  try {
    query = new Query(language, sources.join('\n'));
  } catch (err) {
    for (const rule of withQuery) queryFor(language, rule, lang);
    throw err;
  }
  // Each pattern's rule, by where the pattern starts in the joined source (offsets in UTF-8 bytes).
  const ends: number[] = [];
  let at = 0;
  for (const s of sources) ends.push((at += Buffer.byteLength(s) + 1));
  const owner: QueryRule[] = [];
  for (let i = 0, r = 0; i < query.patternCount(); i++) {
    const start = query.startIndexForPattern(i);
    while (start >= ends[r]) r++;
    owner.push(withQuery[r]);
  }
  const compile = (o?: Record<string, string>) => Object.entries(o ?? {}).map(([k, v]) => [k, rx(v)] as const);
  c = {
    query,
    owner,
    where: new Map(rules.map((r) => [r.id, compile(r.where)])),
    unless: new Map(rules.map((r) => [r.id, compile(r.unless)])),
  };
  m.set(key, c);
  return c;
}

const STRING_TYPES = new Set(['string', 'template_string', 'string_literal']);

/** The literal rules: one regex per rule over every string literal, in one walk of the plain tree. */
function literalFindings(root: PlainNode, rules: QueryRule[], push: (rule: QueryRule, at: { startPosition: { row: number; column: number } }) => void): void {
  const compiled = rules.map((r) => ({ rule: r, re: rx(r.literal ?? ''), unless: r.unless?.value ? rx(r.unless.value) : undefined }));
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (STRING_TYPES.has(n.type)) {
      const t = n.text;
      for (const c of compiled) if (c.re.test(t) && !c.unless?.test(t)) push(c.rule, n);
      continue;
    }
    for (const k of n.children) stack.push(k);
  }
}

export function queryFindings(tree: Tree, plain: PlainNode, language: Language, lang: GuardLanguage, rules: QueryRule[], path: string, text: string): Finding[] {
  const out: Finding[] = [];
  const lines = text.split(/\r?\n/);
  const active = rules.filter((r) => !(r.unlessFile && rx(r.unlessFile).test(text)));
  const add = (rule: QueryRule, at: { startPosition: { row: number; column: number } }) => {
    const line = at.startPosition.row + 1;
    if (out.some((f) => f.ruleId === rule.id && f.line === line)) return;
    out.push({ ruleId: rule.id, cwe: rule.cwe, severity: rule.severity, message: rule.message, fix: rule.fix, path, line, column: at.startPosition.column + 1, snippet: (lines[line - 1] ?? '').trim().slice(0, 200) });
  };
  const literal = active.filter((r) => r.literal);
  if (literal.length) literalFindings(plain, literal, add);
  for (const r of active.filter((x) => x.params)) {
    const unless = r.unless?.context ? rx(r.unless.context) : undefined;
    // A plain node offers the parent and field reads contextNames makes.
    for (const arg of [...credentialArguments(plain, lang, text), ...boundCredentials(plain, lang, text)]) if (!unless?.test(contextNames(arg as unknown as SyntaxNode))) add(r, arg);
  }
  const withQueries = active.filter((r) => r.queries[lang]);
  if (!withQueries.length) return out.sort((a, b) => a.line - b.line);
  const c = compiledFor(language, lang, withQueries);
  const aliases = new FileAliases(plain, lang);
  for (const m of c.query.matches(tree.rootNode)) {
    const rule = c.owner[m.patternIndex];
    if (!rule) continue;
    const caps = new Map<string, SyntaxNode>();
    for (const cap of m.captures) if (!caps.has(cap.name)) caps.set(cap.name, cap.node);
    const found = caps.get('finding') ?? m.captures[0]?.node;
    if (!found) continue;
    const at = anchorOf(found);
    const context = () => (rule.check === 'weakRandom' ? `${contextNames(at)} ${fieldUsers(found)} ${flowTargets(found)}` : contextNames(at));
    // `callee` is matched as the module member it stands for (fileAliases.ts): `h('md5')` with `import { createHash as h } from 'crypto'`.
    // A `ref` capture (a name given as the argument) stands for the `v` it holds when that is a string constant (constRef.ts); else the match is dropped.
    let held: string | undefined;
    const value = () => (held ??= constantText(caps.get('ref')!) ?? '');
    const textOf = (k: string) => (k === 'context' ? context() : k === 'callee' ? aliases.canonical(caps.get(k)?.text ?? '') : k === 'v' && caps.has('ref') ? value() : (caps.get(k)?.text ?? ''));
    const has = (k: string) => caps.has(k) || (k === 'v' && caps.has('ref'));
    // A `where` names captures of some patterns; a pattern without that capture is not held to it.
    if (!(c.where.get(rule.id) ?? []).every(([k, re]) => (k !== 'context' && !has(k)) || re.test(textOf(k)))) continue;
    if ((c.unless.get(rule.id) ?? []).some(([k, re]) => re.test(textOf(k)))) continue;
    if (rule.unlessFunction && rx(rule.unlessFunction).test(enclosingFunctionText(found, text))) continue;
    if (rule.check === 'secret' && !looksLikeSecret(textOf('value'), textOf('name') || contextNames(at))) continue;
    if (rule.check === 'credential' && !looksLikeCredential(textOf('value'))) continue;
    if (rule.check === 'weakRandom' && !weakRandomSource(caps, found, text)) continue;
    add(rule, at);
  }
  return out;
}
