// Owns finding passwords bound as literals to a SQL placeholder that fills a password column:
// `prep = conn.prepareStatement("UPDATE account SET hash = hash(?) WHERE name = ?"); prep.setString(1,
// "secret")`, `cur.execute("UPDATE users SET password = %s WHERE id = %s", ("hunter2", 1))`. The SQL text
// names what each placeholder is, as a parameter's name does for a function (credentialParams.ts).
import type { PlainNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';
import { SYNTAX } from './syntax';
import { looksLikeCredential, unquote } from './secrets';

/** The column a clause sets or compares, when it is a password or its hash. */
const PASSWORD_CLAUSE = /^\s*(?:\w+\.)?(?:password|passwd|pwd|pass|passphrase|secret|hash|password_hash|pw_hash|passwordhash)\s*(?:=|\b)/i;
/** A placeholder (`?`, `%s`, `$1`) or a quoted literal, comma and parenthesis, and the keywords that start a clause. */
const TOKENS = /'(?:[^']|'')*'|\?|%s|\$(\d+)|[(),]|\b(?:set|where|and|or|on|having|when|then|else)\b/gi;
const SQL_LIKE = /\b(?:select|update|insert|delete)\b/i;

/** Per placeholder, in order: whether its clause names a password column (1-based `$n` keeps its number). */
export function passwordPlaceholders(sql: string): Map<number, boolean> {
  const out = new Map<number, boolean>();
  let depth = 0;
  let clauseStart = 0;
  let n = 0;
  for (const m of sql.matchAll(TOKENS)) {
    const t = m[0];
    if (t === '(') depth++;
    else if (t === ')') depth = Math.max(0, depth - 1);
    else if (t.startsWith("'")) continue;
    else if (t === '?' || t === '%s' || t.startsWith('$')) {
      const index = m[1] ? Number(m[1]) : ++n;
      out.set(index, PASSWORD_CLAUSE.test(sql.slice(clauseStart, m.index)));
    } else if (depth === 0) clauseStart = m.index + t.length;
  }
  return out;
}

/** The text of a string literal or of a concatenation of string literals; undefined for anything else. */
function sqlText(n: PlainNode, lang: GuardLanguage): string | undefined {
  const syn = SYNTAX[lang];
  if (syn.strings.has(n.type)) return n.namedChildren.some((c) => syn.interpolations.has(c.type)) ? undefined : unquote(n.text);
  if (syn.binary.has(n.type) || n.type === 'concatenated_string') {
    const parts = n.namedChildren.map((c) => sqlText(c, lang));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) return sqlText(n.namedChildren[0], lang);
  return undefined;
}

const RUNS = /(?:^|\.)(?:execute|executemany|query|run|all|get|raw)$/;

/** The literal arguments bound to a password placeholder, in Java (`setString`) and as a values list (Python, JavaScript). */
export function boundCredentials(root: PlainNode, lang: GuardLanguage, text: string): PlainNode[] {
  if (!/pass|pwd|secret|hash/i.test(text) || !SQL_LIKE.test(text)) return [];
  const syn = SYNTAX[lang];
  const statements = new Map<string, Map<number, boolean>>();
  const out: PlainNode[] = [];
  const check = (value: PlainNode | undefined, isPassword: boolean | undefined) => {
    if (value && isPassword && syn.strings.has(value.type) && sqlText(value, lang) !== undefined && looksLikeCredential(value.text)) out.push(value);
  };
  // Depth-first in source order, so a statement is prepared before its values are set; machine-made
  // nesting past any hand-written depth is not read (no stack overflow).
  const visit = (n: PlainNode, depth: number): void => {
    if (depth > 400) return;
    for (const c of n.children) visit(c, depth + 1);
    const a = syn.assignment(n);
    if (a && a.targets.length === 1 && syn.calls.has(a.value.type) && /(?:^|\.)prepare(?:Statement|Call)?$/.test(syn.callee(a.value))) {
      const sql = syn.args(a.value)[0];
      const s = sql && sqlText(sql, lang);
      if (s) statements.set(a.targets[0].text, passwordPlaceholders(s));
    }
    if (!syn.calls.has(n.type)) return;
    const callee = syn.callee(n);
    const args = syn.args(n);
    const set = /^(.+)\.set(?:String|Object|NString|Bytes)$/.exec(callee);
    if (set) {
      const index = args[0] && /^\d+$/.test(args[0].text) ? Number(args[0].text) : NaN;
      check(args[1], statements.get(set[1])?.get(index));
      return;
    }
    const s = RUNS.test(callee) && args[0] ? sqlText(args[0], lang) : undefined;
    const list = args[1];
    if (!s || !list || !['tuple', 'list', 'array'].includes(list.type)) return;
    const placeholders = passwordPlaceholders(s);
    list.namedChildren.forEach((v, i) => check(v, placeholders.get(i + 1)));
  };
  visit(root, 0);
  return out;
}
