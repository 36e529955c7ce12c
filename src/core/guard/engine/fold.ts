// Owns constant folding for the taint analysis: the compile-time value of an expression made of
// literals, variables that hold literals, arithmetic, comparisons, boolean logic, string methods with
// constant arguments (`"ABC".charAt(2)`, `"a".equals(b)`) and conditional expressions. The analysis
// uses it to tell which branch of an `if`, `switch` or ternary can run: a branch whose condition folds
// to false carries nothing. Anything it cannot prove gives `undefined` ("may be either").
import type { PlainNode as SyntaxNode } from './plainTree';

export type Lit = string | number | boolean | null;
export type LitLookup = (name: string) => Lit | undefined;

const NUMBER = new Set(['decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal', 'number', 'integer', 'float']);
const BINARY = new Set(['binary_expression', 'binary_operator', 'comparison_operator', 'boolean_operator']);
const PARENS = new Set(['parenthesized_expression', 'parenthesized_list_splat']);
/** Integer literals of Java: `/` on two of them truncates. */
const INTEGER = /^-?\d+$/;
const MAX_FOLD_DEPTH = 40;

function unquote(raw: string): string | undefined {
  const m = /^[bBuU]?(['"`])([\s\S]*)\1$/.exec(raw);
  if (!m || /^(['"])\1\1/.test(raw)) return undefined;
  if (m[1] === '`' && m[2].includes('${')) return undefined;
  return m[2].replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e));
}

function numberOf(raw: string): number | undefined {
  const t = raw.replace(/_/g, '').replace(/[lLfFdD]$/, '');
  const n = /^0[xX]/.test(t) ? parseInt(t, 16) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The text between two operands (operator tokens are not copied into the plain tree). */
function operatorOf(n: SyntaxNode, l: SyntaxNode, r: SyntaxNode): string {
  return n.text.slice(l.endIndex - n.startIndex, r.startIndex - n.startIndex).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*/g, '').trim();
}

const isNum = (x: Lit | undefined): x is number => typeof x === 'number';

function binary(op: string, a: Lit, b: Lit, java: boolean): Lit | undefined {
  switch (op) {
    case '+':
      if (isNum(a) && isNum(b)) return a + b;
      if (typeof a === 'string' || typeof b === 'string') return `${a}${b}`;
      return undefined;
    case '-':
      return isNum(a) && isNum(b) ? a - b : undefined;
    case '*':
      return isNum(a) && isNum(b) ? a * b : undefined;
    case '/':
    case '//':
      if (!isNum(a) || !isNum(b) || b === 0) return undefined;
      return (java && INTEGER.test(String(a)) && INTEGER.test(String(b))) || op === '//' ? Math.trunc(a / b) : a / b;
    case '%':
      return isNum(a) && isNum(b) && b !== 0 ? a % b : undefined;
    case '>':
      return isNum(a) && isNum(b) ? a > b : undefined;
    case '<':
      return isNum(a) && isNum(b) ? a < b : undefined;
    case '>=':
      return isNum(a) && isNum(b) ? a >= b : undefined;
    case '<=':
      return isNum(a) && isNum(b) ? a <= b : undefined;
    case '==':
    case '===':
    case 'is':
      // Java's == on strings compares references: only numbers, booleans and null are certain.
      return java && typeof a === 'string' && a.length !== 1 ? undefined : a === b;
    case '!=':
    case '!==':
    case 'is not':
      return java && typeof a === 'string' && a.length !== 1 ? undefined : a !== b;
    case '&&':
    case 'and':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : undefined;
    case '||':
    case 'or':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : undefined;
    default:
      return undefined;
  }
}

/** `"ABC".charAt(2)`, `s.equals("x")`, `s.length()`, `s.substring(1)`: string methods on constants. */
function method(name: string, recv: Lit, args: Array<Lit | undefined>): Lit | undefined {
  if (typeof recv !== 'string' || args.some((a) => a === undefined)) return undefined;
  const [a, b] = args;
  switch (name) {
    case 'charAt':
      return isNum(a) && a >= 0 && a < recv.length ? recv[a] : undefined;
    case 'equals':
    case 'contentEquals':
      return typeof a === 'string' ? recv === a : undefined;
    case 'equalsIgnoreCase':
      return typeof a === 'string' ? recv.toLowerCase() === a.toLowerCase() : undefined;
    case 'length':
      return args.length ? undefined : recv.length;
    case 'isEmpty':
      return recv.length === 0;
    case 'substring':
      return isNum(a) && (b === undefined || isNum(b)) ? recv.substring(a, b as number | undefined) : undefined;
    case 'toUpperCase':
    case 'upper':
      return recv.toUpperCase();
    case 'toLowerCase':
    case 'lower':
      return recv.toLowerCase();
    case 'startsWith':
    case 'startswith':
      return typeof a === 'string' ? recv.startsWith(a) : undefined;
    case 'contains':
      return typeof a === 'string' ? recv.includes(a) : undefined;
    default:
      return undefined;
  }
}

/** The constant value of an expression, or undefined when it may vary. */
export function fold(n: SyntaxNode | null | undefined, lookup: LitLookup, java: boolean, depth = 0): Lit | undefined {
  if (!n || depth > MAX_FOLD_DEPTH) return undefined;
  const t = n.type;
  const again = (x: SyntaxNode | null | undefined) => fold(x, lookup, java, depth + 1);
  if (NUMBER.has(t)) return numberOf(n.text);
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (t === 'null_literal' || t === 'null' || t === 'none' || t === 'None' || t === 'undefined') return null;
  if (t === 'character_literal') return unquote(n.text);
  if (t === 'string_literal' || t === 'string' || t === 'template_string') {
    // Interpolated strings (f-strings, templates with substitutions) are not constants.
    if (n.namedChildren.some((c) => /interpolation|substitution/.test(c.type))) return undefined;
    return unquote(n.text);
  }
  if (t === 'identifier') return lookup(n.text);
  if (PARENS.has(t)) return again(n.namedChildren[0]);
  if (t === 'cast_expression') return again(n.childForFieldName('value'));
  if (t === 'unary_expression' || t === 'not_operator' || t === 'unary_operator') {
    const arg = n.childForFieldName('operand') ?? n.childForFieldName('argument') ?? n.namedChildren[n.namedChildren.length - 1];
    const v = again(arg);
    const op = n.text.slice(0, arg ? arg.startIndex - n.startIndex : 0).trim();
    if (op === '!' || op === 'not') return typeof v === 'boolean' ? !v : undefined;
    if (op === '-') return isNum(v) ? -v : undefined;
    if (op === '+') return isNum(v) ? v : undefined;
    return undefined;
  }
  if (BINARY.has(t)) {
    const l = n.childForFieldName('left') ?? n.namedChildren[0];
    const r = n.childForFieldName('right') ?? n.namedChildren[1];
    if (!l || !r || (t === 'comparison_operator' && n.namedChildren.length !== 2)) return undefined;
    const op = operatorOf(n, l, r);
    const a = again(l);
    // Short-circuit: `false && x`, `true || x` are known whatever x is.
    if ((op === '&&' || op === 'and') && a === false) return false;
    if ((op === '||' || op === 'or') && a === true) return true;
    const b = again(r);
    if (a === undefined || b === undefined) return undefined;
    return binary(op, a, b, java);
  }
  if (t === 'ternary_expression' || t === 'conditional_expression') {
    const py = t === 'conditional_expression';
    const cond = again(py ? n.namedChildren[1] : n.childForFieldName('condition'));
    if (typeof cond !== 'boolean') return undefined;
    return again(py ? n.namedChildren[cond ? 0 : 2] : n.childForFieldName(cond ? 'consequence' : 'alternative'));
  }
  if (t === 'method_invocation') {
    const recv = again(n.childForFieldName('object'));
    if (recv === undefined) return undefined;
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).map((a) => again(a));
    return method(n.childForFieldName('name')?.text ?? '', recv, args);
  }
  if (t === 'call' || t === 'call_expression') {
    const f = n.childForFieldName('function');
    if (f?.type !== 'attribute' && f?.type !== 'member_expression') return undefined;
    const recv = again(f.childForFieldName('object'));
    if (recv === undefined) return undefined;
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).map((a) => again(a));
    return method((f.childForFieldName('attribute') ?? f.childForFieldName('property'))?.text ?? '', recv, args);
  }
  return undefined;
}

/** A condition's truth when it folds to a boolean (Python: also a constant's truthiness). */
export function truth(v: Lit | undefined, python: boolean): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (!python || v === undefined) return undefined;
  return v === null ? false : typeof v === 'number' ? v !== 0 : v.length > 0;
}
