// A small evaluator of VS Code `when` clauses (&&, ||, !, parentheses, ==, !=, =~, <, <=, >, >=,
// true/false) against a context of key values, for checking keybindings against VS Code's defaults.
// A key missing from the context is undefined, as in VS Code; `in` / `not in` are never true here.

export type Context = Record<string, string | number | boolean | undefined>;

const TOKEN = /\s*(\|\||&&|!=|==|=~|>=|<=|>|<|!|\(|\)|'(?:[^'\\]|\\.)*'|\/(?:[^/\\]|\\.)+\/[a-z]*|[^\s()!&|=<>']+)/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) out.push(m[1]);
  if (text.slice(TOKEN.lastIndex).trim()) throw new Error(`cannot read the when clause ${JSON.stringify(text)} at ${TOKEN.lastIndex}`);
  return out;
}

const unquote = (v: string) => (v.startsWith("'") ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);

export function evaluateWhen(when: string | undefined, ctx: Context): boolean {
  if (!when?.trim()) return true;
  const t = tokens(when);
  let i = 0;
  const peek = () => t[i];
  const next = () => t[i++];
  const or = (): boolean => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = unary();
    while (peek() === '&&') {
      next();
      const r = unary();
      v = v && r;
    }
    return v;
  };
  const unary = (): boolean => {
    if (peek() === '!') {
      next();
      return !unary();
    }
    return primary();
  };
  const primary = (): boolean => {
    const tok = next();
    if (tok === '(') {
      const v = or();
      if (next() !== ')') throw new Error(`unbalanced parentheses in ${when}`);
      return v;
    }
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    const value = ctx[tok];
    const op = peek();
    if (op === 'not' || op === 'in') {
      next();
      if (op === 'not') next();
      next();
      return false;
    }
    if (!['==', '!=', '=~', '>=', '<=', '>', '<'].includes(op ?? '')) return Boolean(value);
    next();
    const rhs = unquote(next());
    const text = value === undefined ? '' : String(value);
    switch (op) {
      case '==':
        return value !== undefined && text === rhs;
      case '!=':
        return !(value !== undefined && text === rhs);
      case '=~': {
        const m = /^\/(.*)\/([a-z]*)$/.exec(rhs);
        return m ? new RegExp(m[1], m[2]).test(text) : false;
      }
      default: {
        const a = Number(value);
        const b = Number(rhs);
        return op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : a < b;
      }
    }
  };
  const v = or();
  if (i !== t.length) throw new Error(`unexpected ${t[i]} in ${when}`);
  return v;
}
