// Owns the index of a file's own named functions and classes, so the taint analysis can follow a call
// into a function written in the same file (`doSomething(request, param)`, `new Helper().run(x)`,
// `self.clean(v)`): the callee is analysed with the call's argument values bound to its parameters, and
// what it returns is the call's value (every function of the file summarised: parameter → return,
// parameter → sink). Calls on other objects are not followed: their methods may be anyone's.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { Syntax } from './syntax';

const NAMED_FUNCTIONS = new Set(['method_declaration', 'function_declaration', 'function_definition', 'generator_function_declaration', 'method_definition']);
const CLASSES = new Set(['class_declaration', 'class_definition', 'enum_declaration']);
const SELF = /^(?:this|self|super|cls)$/;

export class LocalFunctions {
  private readonly byName = new Map<string, SyntaxNode[]>();
  private readonly classes = new Set<string>();

  constructor(root: SyntaxNode) {
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (NAMED_FUNCTIONS.has(n.type) || CLASSES.has(n.type)) {
        const name = n.childForFieldName('name')?.text;
        if (name && CLASSES.has(n.type)) this.classes.add(name);
        else if (name) this.byName.set(name, [...(this.byName.get(name) ?? []), n]);
      }
      for (const c of n.namedChildren) stack.push(c);
    }
  }

  get empty(): boolean {
    return this.byName.size === 0;
  }

  /** The file's functions a call may run: same name and arity, called bare, on this/self, or on a class of the file. */
  targets(call: SyntaxNode, syn: Syntax, callee: string): SyntaxNode[] {
    const name = /([\w$]+)$/.exec(callee)?.[1];
    const fns = name ? this.byName.get(name) : undefined;
    if (!fns) return [];
    const recv = syn.receiver(call);
    if (recv && !SELF.test(recv.text) && !this.isOwnClass(recv)) return [];
    if (!recv && callee.includes('.')) return [];
    const arity = syn.args(call).length;
    return fns.filter((f) => syn.params(f).length === arity);
  }

  private isOwnClass(n: SyntaxNode): boolean {
    if (n.type === 'identifier') return this.classes.has(n.text);
    if (n.type === 'object_creation_expression' || n.type === 'new_expression') {
      const t = (n.childForFieldName('type') ?? n.childForFieldName('constructor'))?.text ?? '';
      return this.classes.has(t.replace(/<.*$/, ''));
    }
    if (n.type === 'call') return this.classes.has(n.childForFieldName('function')?.text ?? '');
    if (n.type === 'parenthesized_expression') return !!n.namedChildren[0] && this.isOwnClass(n.namedChildren[0]);
    return false;
  }
}
