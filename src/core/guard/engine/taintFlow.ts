// Owns what the taint analysis (taint.ts) adds for control flow, class fields (fields.ts) and the file's own functions: the
// literal value of expressions (fold.ts) for conditions, the flow handlers' host (flow.ts), collections
// followed element by element (shapes.ts), and calls into functions of the same file (locals.ts),
// analysed with the call's argument values and memoised by what those values are (parameter → return,
// parameter → sink). Taint.ts's Analysis extends this class.
import type { PlainNode as SyntaxNode } from './plainTree';
import { fold, truth, type Lit } from './fold';
import type { FlowHost, Vars } from './flow';
import type { LocalFunctions } from './locals';
import { createdShape, writeElement, type ShapeHost } from './shapes';
import { Fields } from './fields';
import type { GuardLanguage } from '../rules/types';
import { squash, type Syntax } from './syntax';
import { constant, join, withLine, type Value } from './value';

export interface FlowScope {
  readonly fn: SyntaxNode | null;
  lookup(name: string): Value | undefined;
  local(name: string): Value | undefined;
  set(name: string, v: Value): void;
  snapshot(): Vars;
  restore(vars: Vars): void;
  outer(name: string): Value | undefined;
}

/** How deep calls into the file's own functions are followed (a calls b calls c). */
const MAX_INLINE = 3;

const signature = (v: Value): string => `${+v.taint}${+!!v.indirect}${+v.dyn}${+v.built}${v.clean.join(',')}:${String(v.lit)}:${v.params?.join(',') ?? ''}:${v.items ? 'l' : ''}${v.entries ? 'm' : ''}`;

export abstract class FlowSupport<S extends FlowScope> {
  protected locals?: LocalFunctions;
  protected root?: S;
  private readonly inlining: Array<{ fn: SyntaxNode; out: Value[] }> = [];
  private readonly memo = new Map<string, Value>();
  protected abstract readonly syn: Syntax;
  abstract evaluate(n: SyntaxNode, scope: S): Value;
  protected abstract walk(n: SyntaxNode, scope: S): void;
  protected abstract newScope(fn: SyntaxNode, parent: S): S;
  protected readonly fields: Fields;

  constructor(lang: GuardLanguage) {
    this.fields = new Fields(lang);
  }

  /** The value of a field of the method's class read here (fields.ts), when `n` names one. */
  protected fieldRead(n: SyntaxNode, scope: S): Value | undefined {
    const key = this.fields.key(n, scope.fn, (name) => !!scope.local(name));
    const stored = key ? this.fields.read(key) : undefined;
    if (!stored) return undefined;
    // A Java field's initialiser (walked with the class) is one more value it may hold.
    const init = n.type === 'identifier' ? scope.lookup(n.text) : undefined;
    return init ? join([init, stored]) : stored;
  }

  /**
   * Before `target = v` is recorded in the scope: a field of the class (`this.f`) keeps it for the other methods,
   * and `d['b'] = v` changes the followed collection `d` itself (a key not known: any entry).
   */
  protected stored(target: SyntaxNode, v: Value, scope: S, line: number): void {
    const field = this.fields.key(target, scope.fn, (name) => !!scope.local(name));
    if (field) this.fields.store(field, v);
    const obj = this.syn.members.has(target.type) ? this.syn.memberObject(target) : null;
    const coll = obj && this.syn.identifiers.has(obj.type) ? scope.lookup(obj.text) : undefined;
    if (obj && (coll?.entries || coll?.items)) scope.set(obj.text, writeElement(target, coll, v, this.shapeHost(scope), line));
  }

  protected readonly flow: FlowHost<S> = {
    walk: (n, s) => this.walk(n, s),
    cond: (n, s) => (n ? truth(this.lit(n, s), this.syn.lang === 'python') : undefined),
    literal: (n, s) => this.lit(n, s),
    snapshot: (s) => s.snapshot(),
    restore: (s, v) => s.restore(v),
    outer: (s, k) => s.outer(k),
    bindLoop: (n, s) => this.bindLoop(n, s),
  };

  /** Forgets what calls into the file's functions returned (a new walk, with more known). */
  protected forget(): void {
    this.memo.clear();
  }

  /** Whether a call into a function of the file is being followed (its sinks' findings belong to its call sites for summarised rules). */
  protected get following(): boolean {
    return this.inlining.length > 0;
  }

  protected lit(n: SyntaxNode, scope: S): Lit | undefined {
    return fold(n, (name) => scope.lookup(name)?.lit, this.syn.lang === 'java');
  }

  protected shapeHost(scope: S): ShapeHost {
    return { evaluate: (x) => this.evaluate(x, scope), literal: (x) => this.lit(x, scope) };
  }

  /** The value an assignment stores: with its literal, or the collection it creates. */
  protected assigned(n: SyntaxNode, node: SyntaxNode, scope: S): Value {
    const v = this.evaluate(n, scope);
    const shape = createdShape(n, this.shapeHost(scope));
    if (shape) return { ...v, items: shape.items, entries: shape.entries };
    // A field that is not final may be changed by any method: its literal is not trusted.
    const decl = node.parent;
    if (decl?.type === 'field_declaration' && !/\bfinal\b/.test(decl.namedChildren.find((c) => c.type === 'modifiers')?.text ?? '')) return v;
    const lit = this.lit(n, scope);
    return lit === undefined ? v : { ...v, lit };
  }

  /** `i++` changes a literal; `return x` in a function being followed is its value. */
  protected flowExtras(node: SyntaxNode, scope: S): void {
    if (node.type === 'update_expression') {
      const name = (node.childForFieldName('argument') ?? node.namedChildren[0])?.text ?? '';
      const v = scope.lookup(name);
      if (v?.lit !== undefined) scope.set(name, { ...v, lit: undefined });
      return;
    }
    const top = this.inlining[this.inlining.length - 1];
    if (!top || top.fn !== scope.fn) return;
    const e = node.namedChildren.find((c) => !/comment/.test(c.type));
    top.out.push(e ? this.evaluate(e, scope) : constant());
  }

  /** `for (x : xs)`, `for x in xs`: the loop variable holds an element of the iterable, bound before the body. */
  private bindLoop(n: SyntaxNode, scope: S): void {
    const a = this.syn.assignment(n);
    if (!a) return;
    const { items: _i, entries: _e, lit: _l, ...v } = this.evaluate(a.value, scope);
    for (const t of a.targets) scope.set((t.key ??= squash(t.text)), withLine({ ...v, array: false }, n.startPosition.row + 1));
  }

  /** The value a call into the file's own functions returns, with its arguments' values bound to their parameters. */
  protected inline(fns: SyntaxNode[], args: Value[]): Value | undefined {
    if (!this.root || this.inlining.length >= MAX_INLINE || fns.some((f) => this.inlining.some((i) => i.fn === f))) return undefined;
    const key = `${fns[0].startIndex}|${args.map(signature).join('|')}`;
    const known = this.memo.get(key);
    if (known) return known;
    const out: Value[] = [];
    for (const fn of fns) {
      const scope = this.newScope(fn, this.root);
      this.syn.params(fn).forEach((p, i) => scope.set(p.name, args[i] ?? constant()));
      this.inlining.push({ fn, out });
      try {
        const body = fn.childForFieldName('body');
        if (body) this.walk(body, scope);
      } finally {
        this.inlining.pop();
      }
    }
    const v = out.length ? join(out) : constant();
    this.memo.set(key, v);
    return v;
  }
}
