// Owns turning tree-sitter-bash nodes into the words bash would see: quotes removed, backslashes
// and $'…' escapes decoded, `$HOME` known, and anything only known at run time (other variables,
// substitutions, arithmetic) marked dynamic so the policy never guesses it. Unquoted glob and brace
// characters are flagged because the shell expands them into other paths.
import type { SyntaxNode } from '../syntax/treeSitter';

export interface Word {
  /** The text as bash would pass it (dynamic parts keep their source text). */
  text: string;
  /** Part of it is only known when the command runs ($VAR, $(…), $((…))). */
  dynamic: boolean;
  /** An unquoted `*`, `?`, `[` or extglob: the shell replaces it with matching paths. */
  glob: boolean;
  /** An unquoted `{a,b}` or `{1..3}`: the shell expands it into several words. */
  brace: boolean;
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Decodes the body of a $'…' string the way bash does. */
export function decodeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'c' && e.length === 2) return String.fromCharCode(e.charCodeAt(1) & 31);
    return C_ESCAPES[e] ?? `\\${e}`;
  });
}

/** Unquoted text: backslash escapes removed; glob and brace characters noticed only when not escaped. */
function unquoted(text: string): Word {
  let out = '';
  let glob = false;
  let brace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      if (text[i + 1] !== '\n') out += text[i + 1] ?? '';
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[' || ((c === '@' || c === '!' || c === '+') && text[i + 1] === '(')) glob = true;
    if (c === '{' && /^\{[^}]*(,|\.\.)[^}]*\}/.test(text.slice(i))) brace = true;
    out += c;
  }
  return { text: out, dynamic: false, glob, brace };
}

function joinWords(parts: Word[]): Word {
  return {
    text: parts.map((p) => p.text).join(''),
    dynamic: parts.some((p) => p.dynamic),
    glob: parts.some((p) => p.glob),
    brace: parts.some((p) => p.brace),
  };
}

const literal = (text: string): Word => ({ text, dynamic: false, glob: false, brace: false });
const dynamicWord = (text: string): Word => ({ text, dynamic: true, glob: false, brace: false });

/** `$HOME` / `${HOME}` are known (they decide whether `rm -rf $HOME` is caught); others are not. */
function expansion(node: SyntaxNode, home: string): Word {
  return /^\$(HOME|\{HOME\})$/.test(node.text) ? literal(home) : dynamicWord(node.text);
}

/** The word a node stands for, as bash would expand it (see Word). */
export function evalWord(node: SyntaxNode, home: string): Word {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'variable_name':
      return unquoted(node.text);
    case 'raw_string':
      return literal(node.text.slice(1, -1));
    case 'ansi_c_string':
      return literal(decodeAnsiC(node.text.slice(2, -1)));
    case 'string':
    case 'translated_string': {
      const parts: Word[] = [];
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'string_content') parts.push(literal(child.text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c))));
        else if (child.type === 'simple_expansion' || child.type === 'expansion') parts.push(expansion(child, home));
        else parts.push(dynamicWord(child.text));
      }
      return joinWords(parts);
    }
    case 'concatenation': {
      const children = node.namedChildren.filter((c): c is SyntaxNode => !!c);
      const joined = joinWords(children.map((c) => evalWord(c, home)));
      // The grammar splits `{.,..}/x` into pieces; the braces only show on the whole.
      const bracesUnquoted = children.some((c) => c.type === 'word' && /[{}]/.test(c.text));
      return { ...joined, brace: joined.brace || (bracesUnquoted && /\{[^}]*(,|\.\.)[^}]*\}/.test(joined.text)) };
    }
    case 'simple_expansion':
    case 'expansion':
      return expansion(node, home);
    default:
      return dynamicWord(node.text);
  }
}

/** The operator of a file redirect (`>`, `>>`, `&>`, `>&`, `<`, `<>`, `>|`, …). */
export function redirectOperator(node: SyntaxNode): string {
  return node.children.find((c) => c && !c.isNamed && /^[<>&|-]+$/.test(c.type))?.type ?? '';
}
