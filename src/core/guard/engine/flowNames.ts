// Owns the names a value flows into inside its function, for query rules that judge a call by what its
// result is for (a weak random number is a problem when it becomes a token): `float r = new Random()
// .nextFloat(); String rememberMeKey = Float.toString(r)` gives `rememberMeKey`, and so does
// `rng.nextBytes(buf); String sessionToken = encode(buf)` through the buffer. Two hops, by text: a
// declaration or assignment after the value whose right-hand side mentions the variable.
/** The part of a tree-sitter node (or its plain copy) this module reads. */
interface SyntaxNode {
  type: string;
  text: string;
  startIndex: number;
  endIndex: number;
  parent: SyntaxNode | null;
  namedChildren: Array<SyntaxNode | null>;
  childForFieldName(name: string): SyntaxNode | null;
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function_definition', 'method_declaration', 'constructor_declaration', 'lambda_expression']);
const DECLARATIONS = new Set(['variable_declarator', 'assignment_expression', 'assignment', 'augmented_assignment']);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The variable a node's value is stored in (`x = <node>…`), or the buffer a `nextBytes(buf)` fills. */
function storedIn(n: SyntaxNode): string | undefined {
  for (let p: SyntaxNode | null = n.parent; p && !FUNCTIONS.has(p.type); p = p.parent) {
    if (p.type === 'method_invocation' && /^next(?:Bytes)$/.test(p.childForFieldName('name')?.text ?? '')) {
      const arg = p.childForFieldName('arguments')?.namedChildren[0];
      if (arg?.type === 'identifier') return arg.text;
    }
    if (DECLARATIONS.has(p.type)) {
      const t = p.childForFieldName('name') ?? p.childForFieldName('left');
      return t && /^[\w$.]+$/.test(t.text) ? t.text.replace(/^(?:this|self)\./, '') : undefined;
    }
    if (/statement$/.test(p.type)) return undefined;
  }
  return undefined;
}

/** The names the node's value is stored in and copied to, in its function (two hops). */
export function flowTargets(n: SyntaxNode): string {
  let fn: SyntaxNode | null = n.parent;
  while (fn && !FUNCTIONS.has(fn.type)) fn = fn.parent;
  const first = storedIn(n);
  if (!fn || !first) return '';
  const after = fn.text.slice(n.endIndex - fn.startIndex);
  const names = [first];
  for (let i = 0; i < names.length && i < 3 && names.length < 8; i++) {
    const re = new RegExp(`([A-Za-z_$][\\w$]*)\\s*(?:\\+)?=(?!=)[^;=\\n]*\\b${esc(names[i])}\\b`, 'g');
    for (const m of after.matchAll(re)) if (!names.includes(m[1])) names.push(m[1]);
  }
  return names.join(' ');
}
