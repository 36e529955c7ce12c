// Owns what a web framework does with a handler's return value: a Flask/Bottle view's returned string,
// a Spring `@ResponseBody` / `@RestController` mapping's returned String, a JAX-RS `@Produces("text/html")`
// resource method's or a NestJS controller method's return are written into the HTTP response as it is.
// A rule's sink `{ "returns": … }` matches the handler's context — the text of its decorators or
// annotations, its class's, and its declared return type — and the returned value is then the sink.
// Dicts, lists and object literals are serialised as JSON by these frameworks, so they are not HTML.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const modifiers = (n: SyntaxNode | null | undefined) => n?.namedChildren.find((c) => c.type === 'modifiers')?.text ?? '';

/** JS/TS decorators written before a class member or a class (`@Get()` then the method): the siblings before it. */
function decoratorsBefore(n: SyntaxNode): string {
  const out: string[] = [];
  const own = n.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text);
  const siblings = n.parent?.namedChildren ?? [];
  for (let i = siblings.indexOf(n) - 1; i >= 0 && siblings[i].type === 'decorator'; i--) out.unshift(siblings[i].text);
  return [...out, ...own].join(' ');
}

/**
 * One line per part: `class: <class annotations>`, `method: <own annotations or decorators>`, `type: <return
 * type>` (Java). Empty for a function no framework calls (no decorator, no annotation).
 */
export function handlerContext(fn: SyntaxNode, lang: GuardLanguage): string {
  if (lang === 'python') {
    const deco = fn.parent?.type === 'decorated_definition' ? fn.parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text) : [];
    return deco.length ? `method: ${oneLine(deco.join(' '))}` : '';
  }
  if (lang === 'java') {
    if (fn.type !== 'method_declaration') return '';
    const cls = fn.parent?.type === 'class_body' ? fn.parent.parent : null;
    return `class: ${oneLine(modifiers(cls))}\nmethod: ${oneLine(modifiers(fn))}\ntype: ${(fn.childForFieldName('type')?.text ?? '').replace(/\s+/g, '')}`;
  }
  if (fn.type !== 'method_definition') return '';
  const cls = fn.parent?.type === 'class_body' ? fn.parent.parent : null;
  return `class: ${oneLine(cls ? decoratorsBefore(cls) : '')}\nmethod: ${oneLine(decoratorsBefore(fn))}`;
}

/** Serialised as JSON by the frameworks, never written as HTML. */
const STRUCTURED = new Set(['dictionary', 'list', 'list_comprehension', 'dictionary_comprehension', 'object', 'array']);

/** The expression a return statement hands to the framework: the body of `return body, 200`; none for JSON-like literals. */
export function returnedBody(ret: SyntaxNode): SyntaxNode | null {
  let e = ret.namedChildren.find((c) => !/comment/.test(c.type)) ?? null;
  while (e && (e.type === 'expression_list' || e.type === 'tuple' || e.type === 'parenthesized_expression')) e = e.namedChildren[0] ?? null;
  return e && !STRUCTURED.has(e.type) ? e : null;
}
