// Owns the fields of a class as the taint analysis sees them across its methods: a value stored in
// `this.f` (JS/TS, Java), `self.f` (Python) or a Java field by its bare name in one method is what `f`
// holds when another method reads it. Methods may run in any order, so a field holds the union of every
// value any method stores in it (with its Java initialiser). The analysis walks the file once recording
// the stores; when one of them carries untrusted input or built text, it walks again with all of them
// known (taint.ts), so a sink in a method written before the store still sees it.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';
import { join, type Value } from './value';

const CLASSES = new Set(['class_declaration', 'class_definition', 'class', 'enum_declaration', 'record_declaration']);
/** Functions with their own `this`: a store inside one is not the class's field. Arrow functions and lambdas see the method's. */
const OWN_THIS = new Set(['function_declaration', 'function_expression', 'function', 'generator_function_declaration', 'generator_function']);
const SELF: Record<GuardLanguage, RegExp> = { js: /^this$/, python: /^(?:self|cls)$/, java: /^this$/ };

export class Fields {
  private readonly stored = new Map<string, Value>();
  private known = new Map<string, Value>();
  private readonly classOf = new Map<SyntaxNode, SyntaxNode | null>();
  private readonly declared = new Map<SyntaxNode, Set<string>>();

  constructor(private readonly lang: GuardLanguage) {}

  /** The class whose methods `fn` belongs to (through arrow functions and lambdas), if any. */
  private classFor(fn: SyntaxNode | null): SyntaxNode | null {
    if (!fn) return null;
    let c = this.classOf.get(fn);
    if (c !== undefined) return c;
    c = null;
    for (let p: SyntaxNode | null = fn; p; p = p.parent) {
      if (CLASSES.has(p.type)) {
        c = p;
        break;
      }
      if (OWN_THIS.has(p.type)) break;
    }
    this.classOf.set(fn, c);
    return c;
  }

  /** Java: the names a class declares as fields. */
  private fieldsOf(cls: SyntaxNode): Set<string> {
    let names = this.declared.get(cls);
    if (names) return names;
    names = new Set();
    const body = cls.childForFieldName('body');
    for (const d of body?.namedChildren ?? []) {
      if (d.type !== 'field_declaration') continue;
      for (const v of d.namedChildren) if (v.type === 'variable_declarator') names.add(v.childForFieldName('name')?.text ?? '');
    }
    this.declared.set(cls, names);
    return names;
  }

  /**
   * The key of the field an expression names in a method of `fn`'s class: `this.f`, `self.f`, or (Java) a bare
   * name the class declares as a field and `isLocal` does not know as a local variable or parameter.
   */
  key(n: SyntaxNode, fn: SyntaxNode | null, isLocal: (name: string) => boolean): string | undefined {
    let name: string | undefined;
    if (n.type === 'member_expression' || n.type === 'attribute' || n.type === 'field_access') {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property') ?? n.childForFieldName('attribute') ?? n.childForFieldName('field');
      if (!obj || !prop || !SELF[this.lang].test(obj.text)) return undefined;
      name = prop.text;
    } else if (this.lang === 'java' && n.type === 'identifier' && !isLocal(n.text)) name = n.text;
    if (!name) return undefined;
    const cls = this.classFor(fn);
    if (!cls || (n.type === 'identifier' && !this.fieldsOf(cls).has(name))) return undefined;
    return `${cls.startIndex}:${name}`;
  }

  store(key: string, v: Value): void {
    const had = this.stored.get(key);
    this.stored.set(key, had ? join([had, v]) : v);
  }

  /** What the field may hold when read: every value stored in it (on a second walk, all the first walk saw). */
  read(key: string): Value | undefined {
    const a = this.known.get(key);
    const b = this.stored.get(key);
    return a && b ? join([a, b]) : (a ?? b);
  }

  /** After a walk: whether another one is needed (a field holds untrusted input or built text); starts it. */
  nextWalk(): boolean {
    const matters = [...this.stored.values()].some((v) => v.taint || v.built);
    if (!matters) return false;
    this.known = new Map(this.stored);
    this.stored.clear();
    return true;
  }
}
