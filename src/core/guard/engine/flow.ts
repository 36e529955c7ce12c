// Owns control flow for the taint analysis: `if`/`elif`/`else`, `switch`/`match` and loops. A branch
// whose condition folds to a constant (fold.ts) is the only one walked, and a branch that can never run
// is not walked at all; when the condition is unknown, each branch is walked from the state before it
// and the variables after the statement are the union (join) of the branches' values, so a constant
// assigned on one branch never hides the untrusted value of the other. A branch that ends in `return`
// or `throw` does not reach the code after the statement. Loops may run zero times: their state is
// joined with the state before them, and variables they assign hold no literal inside them.
import type { PlainNode as SyntaxNode } from './plainTree';
import { join, type Value } from './value';

export type Vars = Map<string, Value>;

/** What the analysis lends to the flow handlers. */
export interface FlowHost<S> {
  walk(node: SyntaxNode, scope: S): void;
  /** A condition's truth when it is a constant, else undefined. */
  cond(node: SyntaxNode | null, scope: S): boolean | undefined;
  /** The literal a case label stands for, if constant (`case 'A':`, `case 3:`). */
  literal(node: SyntaxNode, scope: S): unknown;
  snapshot(scope: S): Vars;
  restore(scope: S, vars: Vars): void;
  /** The value a name has outside the scope's own variables (its parents). */
  outer(scope: S, name: string): Value | undefined;
  /** Binds a loop variable (`for (x : xs)`, `for x in xs`) before the body is walked. */
  bindLoop(node: SyntaxNode, scope: S): void;
}

const ASSIGNS = new Set(['assignment_expression', 'assignment', 'augmented_assignment', 'augmented_assignment_expression', 'update_expression']);

/** Variables a loop assigns hold no literal inside it: the condition may see any iteration's value. */
function forgetLiterals<S>(host: FlowHost<S>, n: SyntaxNode, scope: S): void {
  const vars = host.snapshot(scope);
  const stack = [n];
  while (stack.length) {
    const c = stack.pop()!;
    if (ASSIGNS.has(c.type)) {
      const name = (c.childForFieldName('left') ?? c.childForFieldName('argument') ?? c.namedChildren[0])?.text ?? '';
      const v = vars.get(name) ?? host.outer(scope, name);
      if (v?.lit !== undefined) vars.set(name, { ...v, lit: undefined });
    }
    stack.push(...c.namedChildren);
  }
  host.restore(scope, vars);
}

const ABRUPT = new Set(['return_statement', 'throw_statement', 'raise_statement', 'continue_statement', 'break_statement']);
const BLOCKS = new Set(['block', 'statement_block', 'else_clause', 'expression_statement']);
const LOOPS = new Set(['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'for_in_statement']);
const SWITCHES = new Set(['switch_expression', 'switch_statement']);

/** Whether control never leaves a statement normally (its last statement returns or throws). */
function abrupt(n: SyntaxNode | null): boolean {
  if (!n) return false;
  if (ABRUPT.has(n.type)) return n.type !== 'break_statement' && n.type !== 'continue_statement';
  if (BLOCKS.has(n.type)) {
    const kids = n.namedChildren.filter((c) => !/comment/.test(c.type));
    return abrupt(kids[kids.length - 1] ?? null);
  }
  return false;
}

function merge<S>(host: FlowHost<S>, scope: S, states: Vars[]): void {
  if (!states.length) return;
  if (states.length === 1) return host.restore(scope, states[0]);
  const keys = new Set(states.flatMap((s) => [...s.keys()]));
  const out: Vars = new Map();
  for (const k of keys) {
    const vals = states.map((s) => s.get(k) ?? host.outer(scope, k));
    const known = vals.filter((v): v is Value => !!v);
    const first = known[0];
    if (known.every((v) => v === first)) out.set(k, first);
    else {
      // Constants on every branch keep the last branch's text (as one pass in source order did): the text
      // is read by "looks like" tests (a shell and -c in an argument list), which a mix of both would fail.
      const j = known.some((v) => v.dyn) ? join(known) : { ...join(known), text: known[known.length - 1].text };
      // The same literal on every branch stays a literal.
      const lit = first.lit;
      out.set(k, known.length === vals.length && lit !== undefined && known.every((v) => v.lit === lit) ? { ...j, lit } : j);
    }
  }
  host.restore(scope, out);
}

/** Runs `branches` (undefined = nothing to walk) each from the current state, then joins the states that reach the end. */
function branches<S>(host: FlowHost<S>, scope: S, arms: Array<SyntaxNode[] | undefined>): void {
  const before = host.snapshot(scope);
  const after: Vars[] = [];
  for (const arm of arms) {
    host.restore(scope, before);
    for (const s of arm ?? []) host.walk(s, scope);
    if (!(arm && arm.length && abrupt(arm[arm.length - 1]))) after.push(host.snapshot(scope));
  }
  merge(host, scope, after.length ? after : [before]);
}

function ifStatement<S>(host: FlowHost<S>, n: SyntaxNode, scope: S): void {
  const cond = n.childForFieldName('condition');
  if (cond) host.walk(cond, scope);
  const yes = n.childForFieldName('consequence');
  // Java/JS: one `alternative` (an else clause or a nested if); Python: elif clauses, then an else clause.
  const rest = n.namedChildren.filter((c) => c.field === 'alternative');
  const truth = host.cond(cond, scope);
  if (truth === true) return yes ? host.walk(yes, scope) : undefined;
  const alt = (): SyntaxNode[] | undefined => {
    if (!rest.length) return undefined;
    if (rest[0].type !== 'elif_clause') return [rest[0]];
    return [elifChain(rest)];
  };
  if (truth === false) {
    for (const s of alt() ?? []) host.walk(s, scope);
    return;
  }
  branches(host, scope, [yes ? [yes] : [], alt()]);
}

/** Python's `elif` clauses as a nested if: a synthetic node is not needed, the handler reads the clauses in turn. */
function elifChain(clauses: SyntaxNode[]): SyntaxNode {
  return { type: '#elif', namedChildren: clauses } as unknown as SyntaxNode;
}

function elifWalk<S>(host: FlowHost<S>, clauses: SyntaxNode[], scope: S): void {
  const [first, ...rest] = clauses;
  if (!first) return;
  if (first.type === 'else_clause') return host.walk(first, scope);
  const cond = first.childForFieldName('condition');
  if (cond) host.walk(cond, scope);
  const body = first.childForFieldName('consequence');
  const truth = host.cond(cond, scope);
  if (truth === true) return body ? host.walk(body, scope) : undefined;
  const restArm = rest.length ? [elifChain(rest)] : undefined;
  if (truth === false) return restArm ? host.walk(restArm[0], scope) : undefined;
  branches(host, scope, [body ? [body] : [], restArm]);
}

interface Arm {
  labels: SyntaxNode[];
  isDefault: boolean;
  body: SyntaxNode[];
}

/** The arms of a Java/JS switch or a Python match, in order. */
function armsOf(body: SyntaxNode): Arm[] {
  const arms: Arm[] = [];
  for (const g of body.namedChildren) {
    if (g.type === 'switch_block_statement_group' || g.type === 'switch_rule') {
      const labels = g.namedChildren.filter((c) => c.type === 'switch_label');
      const isDefault = labels.some((l) => /^default\b/.test(l.text.trim()));
      arms.push({ labels: labels.flatMap((l) => l.namedChildren), isDefault, body: g.namedChildren.filter((c) => c.type !== 'switch_label') });
    } else if (g.type === 'switch_case' || g.type === 'switch_default') {
      const value = g.childForFieldName('value');
      arms.push({ labels: value ? [value] : [], isDefault: g.type === 'switch_default', body: g.namedChildren.filter((c) => c !== value) });
    } else if (g.type === 'case_clause') {
      const pats = g.namedChildren.filter((c) => c.type === 'case_pattern');
      const isDefault = pats.some((p) => p.text.trim() === '_') || g.childForFieldName('guard') !== null;
      arms.push({ labels: isDefault ? [] : pats.map((p) => p.namedChildren[0] ?? p), isDefault, body: g.namedChildren.filter((c) => c.type === 'block') });
    }
  }
  return arms;
}

const breaks = (arm: Arm, fallsThrough: boolean) => !fallsThrough || arm.body.some((s) => s.type === 'break_statement' || abrupt(s));

/** The statements run when control enters at arm `i`: falling through (Java/JS) until a break. */
function fromArm(arms: Arm[], i: number, fallsThrough: boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let k = i; k < arms.length; k++) {
    out.push(...arms[k].body);
    if (breaks(arms[k], fallsThrough)) break;
  }
  return out;
}

function switchStatement<S>(host: FlowHost<S>, n: SyntaxNode, scope: S): void {
  const subject = n.childForFieldName('condition') ?? n.childForFieldName('value') ?? n.childForFieldName('subject');
  const body = n.childForFieldName('body') ?? n.namedChildren.find((c) => c.type === 'block') ?? null;
  if (subject) host.walk(subject, scope);
  if (!body) return;
  const arms = armsOf(body);
  // Arrow rules (`case 'A' -> …`) and Python's match arms never fall through.
  const fallsThrough = n.type !== 'match_statement' && !body.namedChildren.some((c) => c.type === 'switch_rule');
  const value = subject ? host.literal(subject.type === 'parenthesized_expression' ? subject.namedChildren[0] : subject, scope) : undefined;
  if (value !== undefined) {
    const labels = arms.map((a) => a.labels.map((l) => host.literal(l, scope)));
    // Known subject: only the arm whose label equals it (else the default) runs — if every label is a constant.
    if (labels.every((ls) => ls.every((l) => l !== undefined))) {
      let i = labels.findIndex((ls) => ls.includes(value));
      if (i < 0) i = arms.findIndex((a) => a.isDefault);
      for (const s of i < 0 ? [] : fromArm(arms, i, fallsThrough)) host.walk(s, scope);
      return;
    }
  }
  const entries: Array<SyntaxNode[] | undefined> = arms.map((_, i) => fromArm(arms, i, fallsThrough));
  if (!arms.some((a) => a.isDefault)) entries.push(undefined);
  branches(host, scope, entries);
}

function loop<S>(host: FlowHost<S>, n: SyntaxNode, scope: S): void {
  forgetLiterals(host, n, scope);
  const before = host.snapshot(scope);
  host.bindLoop(n, scope);
  for (const c of n.namedChildren) host.walk(c, scope);
  merge(host, scope, [before, host.snapshot(scope)]);
}

/** Walks `n` when it is a control-flow statement this module owns; false leaves it to the caller. */
export function walkFlow<S>(host: FlowHost<S>, n: SyntaxNode, scope: S): boolean {
  if (n.type === '#elif') elifWalk(host, n.namedChildren, scope);
  else if (n.type === 'if_statement') ifStatement(host, n, scope);
  else if (SWITCHES.has(n.type) || n.type === 'match_statement') switchStatement(host, n, scope);
  else if (LOOPS.has(n.type)) loop(host, n, scope);
  else return false;
  return true;
}
