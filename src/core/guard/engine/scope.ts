// Owns a function's variables for the taint analysis (taint.ts): their abstract values, the module
// aliases in force, snapshots for control flow (flow.ts), and the request-handler sources of its class.
// Nested functions see their parents' variables as they were where they are written.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { Value } from './value';

export class Scope {
  private vars = new Map<string, Value>();
  private readonly aliases = new Map<string, string>();
  constructor(
    readonly fn: SyntaxNode | null,
    private readonly parent?: Scope,
    /** Extra sources in the methods of a request-handler class (`self.path`); nested functions keep them. */
    readonly handlerSource: RegExp | undefined = parent?.handlerSource,
  ) {}
  snapshot = (): Map<string, Value> => new Map(this.vars);
  restore(vars: Map<string, Value>): void {
    this.vars = new Map(vars);
  }
  outer = (name: string): Value | undefined => this.parent?.lookup(name);
  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  /** A variable of this function or the functions around it, not of the file (where Java fields' initialisers are). */
  local(name: string): Value | undefined {
    return this.vars.get(name) ?? (this.parent?.fn ? this.parent.local(name) : undefined);
  }
  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }
  alias = (name: string): string | undefined => this.aliases.get(name) ?? this.parent?.alias(name);
  setAlias(name: string, path: string): void {
    this.aliases.set(name, path);
  }
}
