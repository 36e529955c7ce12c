// Owns the intra-procedural taint analysis: per function, in source order, it tracks which
// variables hold untrusted input (sources), which hold text built from non-constant values, and
// reports where such a value reaches a rule's sink unless a sanitiser cleaned it. Constants never
// taint. Functions nested in a function see the outer variables as they were where the function
// is written. The language-specific parts come from `syntax.ts` (node types) and `sources.ts`.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { Finding } from '../../changes/finding';
import { taintFinding } from './taintFinding';
import type { GuardLanguage, SinkSpec, TaintRule } from '../rules/types';
import { aliasBindings, canonicalCallee } from './aliases';
import { anchorOf, operatorOf, rootOf, squash, SYNTAX, type Syntax } from './syntax';
import { VOCABULARY, type Vocabulary } from './sources';
import { cleanedFor, constant, dynamic, join, tainted, withLine, type Value } from './value';
import type { DerivedSink, ParamSummary } from './summaries';
import { compile, withDerived, type CompiledRules } from './compiled';
import { walkFlow } from './flow';
import { truth } from './fold';
import { LocalFunctions } from './locals';
import { withoutPackage } from './qualified';
import { mutate, read, readElement } from './shapes';
import { FlowSupport } from './taintFlow';
import { Scope } from './scope';
import { handlerContext, returnedBody } from './returnSinks';

const lineOf = (n: SyntaxNode) => n.startPosition.row + 1;
const MAX_DEPTH = 300;
/** Node types that can bind a module alias (declarations, assignments, imports). */
const BINDINGS = new Set(['variable_declarator', 'assignment_expression', 'import_statement', 'import_from_statement']);
/** A node's text without spaces, computed once per node: variables and member paths are looked up by it. */
const keyOf = (n: SyntaxNode): string => (n.key ??= squash(n.text));
// The value of a conditional expression is one of its branches; the condition does not flow into it.
const TERNARIES: Record<string, (n: SyntaxNode) => Array<SyntaxNode | null>> = {
  ternary_expression: (n) => [n.childForFieldName('consequence'), n.childForFieldName('alternative')],
  conditional_expression: (n) => [n.namedChildren[0], n.namedChildren[2]],
};
const ALLOW_TEST = /\.(?:has|includes|contains|containsKey)\(|\bnot\s+in\b|\bin\s+[A-Z_]|===?\s*['"]|\.equals\(/;
const COMPREHENSIONS = new Set(['generator_expression', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension']);
const ARRAYS = new Set(['array', 'list', 'tuple', 'array_initializer', 'array_creation_expression']);

class Analysis extends FlowSupport<Scope> {
  readonly findings: Finding[] = [];
  /** Code nested deeper than the analysis follows was not read (machine-made code). */
  truncated = false;
  protected readonly syn: Syntax;
  private readonly voc: Vocabulary;
  private readonly lines: string[];
  private readonly returnSinks: CompiledRules['sinks'];
  private readonly contexts = new Map<SyntaxNode, string>();

  constructor(
    lang: GuardLanguage,
    private readonly rules: CompiledRules,
    private readonly path: string,
    text: string,
    /** Summary mode: every parameter is marked, and a marked value at a sink is a summary, not a finding. */
    private readonly summaries?: ParamSummary[],
  ) {
    super(lang);
    this.syn = SYNTAX[lang];
    this.voc = VOCABULARY[lang];
    this.lines = text.split(/\r?\n/);
    this.returnSinks = rules.sinks.filter((s) => s.returns && !s.unlessFile?.test(text));
  }

  run(root: SyntaxNode): void {
    this.locals = new LocalFunctions(root);
    this.walk(root, (this.root = new Scope(null)));
    // A field stored in one method and read in another written before it: walk again with every store known.
    if (!this.summaries && this.fields.nextWalk()) {
      this.forget();
      this.walk(root, (this.root = new Scope(null)));
    }
  }


  private walkDepth = 0;

  protected newScope = (fn: SyntaxNode, parent: Scope): Scope => new Scope(fn, parent);

  protected walk(node: SyntaxNode, scope: Scope): void {
    if (this.walkDepth > MAX_DEPTH * 4) {
      this.truncated = true;
      return;
    }
    this.walkDepth++;
    try {
      this.visit(node, scope);
    } catch (err) {
      // Statements nested thousands deep (machine-made code) can exhaust the stack before the depth bound
      // does: that part is not followed and the file is reported as read in part, never a failed scan.
      if (!(err instanceof RangeError)) throw err;
      this.truncated = true;
    } finally {
      this.walkDepth--;
    }
  }

  private visit(node: SyntaxNode, scope: Scope): void {
    if (this.syn.functions.has(node.type) && node !== scope.fn) return this.func(node, scope);
    if (walkFlow(this.flow, node, scope)) return;
    for (const c of node.namedChildren) if (c) this.walk(c, scope);
    if (BINDINGS.has(node.type)) for (const [name, path] of aliasBindings(node, this.syn.lang, scope.alias)) scope.setAlias(name, path);
    const a = this.syn.assignment(node);
    if (a) {
      const rhs = this.assigned(a.value, node, scope);
      for (const t of a.targets) {
        const key = keyOf(t);
        const v = a.augmented ? join([scope.lookup(key) ?? dynamic(), rhs], true) : rhs;
        this.stored(t, v, scope, lineOf(node));
        scope.set(key, withLine(v, lineOf(node)));
        this.checkAssign(t, node, v, scope);
      }
    }
    if (this.syn.calls.has(node.type)) this.call(node, scope);
    if (node.type === 'update_expression' || node.type === 'return_statement') this.flowExtras(node, scope);
    if (node.type === 'return_statement' && this.returnSinks.length) this.checkReturn(node, scope);
  }

  /** A handler's return value that its framework writes into the response (returnSinks.ts). */
  private checkReturn(node: SyntaxNode, scope: Scope): void {
    const fn = scope.fn;
    if (!fn || this.following) return;
    let ctx = this.contexts.get(fn);
    if (ctx === undefined) this.contexts.set(fn, (ctx = handlerContext(fn, this.syn.lang)));
    const body = ctx ? returnedBody(node) : null;
    if (!body) return;
    for (const s of this.returnSinks) if (s.returns!.test(ctx) && !s.unless?.test(ctx)) this.report(s.rule, node, this.evaluate(body, scope), scope, s.spec);
  }

  private func(fn: SyntaxNode, outer: Scope): void {
    const bases = this.syn.classBases(fn);
    const h = this.voc.handler;
    const scope = new Scope(fn, outer, h && bases && h.bases.test(bases) ? h.source : outer.handlerSource);
    const params = this.syn.params(fn);
    const name = this.syn.fnName(fn);
    const decorators = this.syn.decorators(fn);
    const response = this.voc.response?.(params, name);
    if (response) scope.setAlias(response, 'res');
    for (const [i, p] of params.entries()) {
      const v = this.voc.taintedParam(p, params, name, decorators, bases) ? tainted(`parameter ${p.name}`, lineOf(fn)) : dynamic();
      if (this.summaries) this.fnNames.set(fn.startIndex, name);
      scope.set(p.name, this.summaries ? { ...tainted(`parameter ${p.name}`, lineOf(fn)), params: [`${fn.startIndex}:${i}`] } : v);
    }
    this.walk(fn, scope);
  }

  private readonly fnNames = new Map<number, string>();
  private depth = 0;

  /** The abstract value of an expression. */
  evaluate(n: SyntaxNode, scope: Scope): Value {
    // Machine-made code can nest thousands of levels (a 20,000-term concatenation): past a depth no
    // hand-written expression reaches, the value is "unknown" rather than a stack overflow.
    if (this.depth > MAX_DEPTH) {
      this.truncated = true;
      return dynamic();
    }
    this.depth++;
    try {
      return this.evaluateNode(n, scope);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(n: SyntaxNode, scope: Scope): Value {
    const t = n.type;
    if (this.syn.constants.has(t)) return constant();
    if (this.syn.strings.has(t)) {
      const parts = n.namedChildren.filter((c): c is SyntaxNode => !!c && this.syn.interpolations.has(c.type));
      if (!parts.length) return constant(n.text);
      return join([constant(n.text), ...parts.map((p) => this.evaluate(p, scope))], true);
    }
    if (this.syn.identifiers.has(t)) return (this.syn.lang === 'java' ? this.fieldRead(n, scope) : undefined) ?? scope.lookup(n.text) ?? this.sourceOf(n, scope) ?? (/^[A-Z]/.test(n.text) ? constant() : dynamic());
    if (this.syn.members.has(t)) {
      const known = scope.lookup(keyOf(n)) ?? this.fieldRead(n, scope) ?? this.sourceOf(n, scope);
      if (known) return known;
      // `org.example.Utils`, `java.io.File.separator`: a class named by its package is code, not data.
      if (this.syn.lang === 'java' && withoutPackage(keyOf(n)) !== keyOf(n)) return constant();
      const obj = this.syn.memberObject(n);
      const base = obj ? this.evaluate(obj, scope) : dynamic();
      // `d['b']` of `d = {'a': x, 'b': 'safe'}` is 'safe': a collection is read element by element (shapes.ts).
      return (base.entries || base.items ? readElement(n, base, this.shapeHost(scope)) : undefined) ?? base;
    }
    if (this.syn.calls.has(t)) return this.callValue(n, scope);
    if (this.syn.binary.has(t)) {
      const op = operatorOf(n);
      // `a + b + c + …` nests to the left: walk the chain in a loop, not by recursion.
      const operands: SyntaxNode[] = [];
      let cur: SyntaxNode | null = n;
      while (cur && this.syn.binary.has(cur.type) && operatorOf(cur) === op) {
        const r = cur.childForFieldName('right');
        if (r) operands.push(r);
        cur = cur.childForFieldName('left');
      }
      if (cur) operands.push(cur);
      const parts = operands.reverse().map((x) => this.evaluate(x, scope));
      if (/^(?:&&|\|\||\?\?|and|or)$/.test(op)) return join(parts);
      // Comparisons and arithmetic give booleans and numbers: nothing to inject.
      if (op !== '+' && op !== '%') return constant();
      return join(parts, op === '+' || op === '%');
    }
    // A function written in place is code, not data.
    if (this.syn.functions.has(t)) return constant();
    const branches = TERNARIES[t]?.(n);
    if (branches) {
      // `ALLOWED.has(x) ? x : 'default'`, `x if x in ALLOWED else 'en'`: a value picked by an allow-list test is one of the allowed ones.
      const cond = t === 'conditional_expression' ? n.namedChildren[1] : n.childForFieldName('condition');
      if (cond && ALLOW_TEST.test(cond.text)) return constant();
      // A condition that folds to a constant picks its branch: the other one never runs.
      const known = cond ? truth(this.lit(cond, scope), this.syn.lang === 'python') : undefined;
      if (known !== undefined) return branches[known ? 0 : 1] ? this.evaluate(branches[known ? 0 : 1]!, scope) : constant();
      return join(branches.filter((b): b is SyntaxNode => !!b).map((b) => this.evaluate(b, scope)));
    }
    if (COMPREHENSIONS.has(t)) return this.comprehension(n, scope);
    if (ARRAYS.has(t)) return { ...join(this.namedKids(n).map((c) => this.evaluate(c, scope))), array: true };
    if (t === 'dictionary' || t === 'object') return { ...join(this.namedKids(n).map((c) => this.evaluate(c, scope))), record: true };
    const only = this.syn.valueOnly[t];
    if (only) {
      const v = n.childForFieldName(only);
      return v ? this.evaluate(v, scope) : constant();
    }
    const kids = this.namedKids(n);
    return kids.length ? join(kids.map((c) => this.evaluate(c, scope))) : constant();
  }

  /** `[f(p) for p in xs]`: the body's value with each loop variable bound to its iterable's value. */
  private comprehension(n: SyntaxNode, outer: Scope): Value {
    const scope = new Scope(outer.fn, outer);
    for (const clause of n.namedChildren.filter((c) => c.type === 'for_in_clause')) {
      const left = clause.childForFieldName('left');
      const right = clause.childForFieldName('right');
      if (left && right) {
        const v = this.evaluate(right, scope);
        for (const id of left.type === 'identifier' ? [left] : left.namedChildren) scope.set(id.text, { ...v, array: false });
      }
    }
    const body = n.childForFieldName('body');
    return { ...(body ? this.evaluate(body, scope) : dynamic()), array: true };
  }

  private namedKids(n: SyntaxNode): SyntaxNode[] {
    return n.namedChildren.filter((c): c is SyntaxNode => !!c);
  }

  private sourceOf(n: SyntaxNode, scope: Scope): Value | undefined {
    const text = withoutPackage(keyOf(n));
    return (this.voc.source.test(text) || scope.handlerSource?.test(text)) && !this.madeHere(text, scope) ? tainted(text.slice(0, 60), lineOf(n)) : undefined;
  }

  /** `const request = new sql.Request(); request.query(…)`: a name bound to an object made from constants is not the request. */
  private madeHere(text: string, scope: Scope): boolean {
    const root = /^[\w$]+/.exec(text)?.[0];
    return !!root && !!scope.lookup(root)?.config;
  }

  /** A call is read both as a value and as a possible sink: its callee is worked out once. */
  private calleeOf(n: SyntaxNode): string {
    return (n.callee ??= this.syn.callee(n));
  }

  private callValue(n: SyntaxNode, scope: Scope): Value {
    const callee = this.calleeOf(n);
    if (this.voc.neutral.test(callee)) return constant();
    const recv = this.syn.receiver(n);
    // Keyword arguments count too: `"… {owner}".format(owner=owner)`.
    // `f(x for x in xs)`: the generator is the one argument.
    const argsNode = n.childForFieldName('arguments');
    const argNodes = !argsNode ? [] : COMPREHENSIONS.has(argsNode.type) ? [argsNode] : this.namedKids(argsNode);
    const parts = [...(recv ? [this.evaluate(recv, scope)] : []), ...argNodes.map((a) => this.evaluate(a, scope))];
    // Sanitisers first: `escape(req.query.x)` is clean although its text starts with nothing untrusted,
    // and `req.body.x.replace(/[\r\n]/g, '')` is clean although its receiver is a source.
    const callText = withoutPackage(keyOf(n));
    const cleaned = this.rules.sanitizers.filter((s) => s.re.test(callText)).map((s) => s.rule);
    // A function of this file is followed (what it returns, what reaches sinks inside it); a sanitiser's name still cleans.
    const local = this.locals?.targets(n, this.syn, callee);
    const returned = local?.length ? this.inline(local, parts.slice(recv ? 1 : 0)) : undefined;
    if (returned) return cleaned.length ? cleanedFor(returned, cleaned) : returned;
    if (cleaned.length) return cleanedFor(join(parts), cleaned);
    // A call that is itself a source (input(), getParameter(), System.getenv()): matched on its callee.
    if ((this.voc.source.test(`${callee}(`) || scope.handlerSource?.test(`${callee}(`)) && !this.madeHere(callee, scope)) return tainted(callee.slice(0, 60), lineOf(n));
    // A lookup (`map.get(k)`, `d.get(k, default)`) returns an element of the receiver, not the key.
    const element = recv && (parts[0].items || parts[0].entries) ? read(/[\w$]+$/.exec(callee)?.[0] ?? '', parts[0], argNodes, this.shapeHost(scope)) : undefined;
    if (element) return element;
    if (recv && this.voc.lookup.test(callee)) return join([parts[0], ...parts.slice(2)]);
    if (this.voc.format.test(callee)) return join(parts, true);
    if (this.voc.passthrough.test(callee)) return join(parts);
    const v = join(parts);
    // An unknown call: its result carries the taint of what went in, but is neither constant nor built text.
    return { ...v, dyn: true, built: false, text: '', ...(v.dyn ? {} : { config: true }), ...(v.taint ? { indirect: true } : {}) };
  }

  private call(n: SyntaxNode, scope: Scope): void {
    const written = this.calleeOf(n);
    const callee = canonicalCallee(written, scope.alias);
    // A call into a function of this file runs its body with these arguments: sinks inside it are reached (memoised).
    if (this.locals?.targets(n, this.syn, written).length) this.evaluate(n, scope);
    const recvNode = this.syn.receiver(n);
    const coll = recvNode && this.syn.identifiers.has(recvNode.type) ? scope.lookup(recvNode.text) : undefined;
    const shaped = coll && (coll.items || coll.entries) ? mutate(/[\w$]+$/.exec(callee)?.[0] ?? '', coll, this.syn.args(n), this.shapeHost(scope), lineOf(n)) : undefined;
    if (shaped && recvNode) scope.set(recvNode.text, shaped);
    else if (this.voc.append.test(callee)) {
      const root = rootOf(this.syn.receiver(n), this.syn);
      if (root) {
        const key = keyOf(root);
        const args = this.syn.args(n).map((a) => this.evaluate(a, scope));
        scope.set(key, withLine(join([scope.lookup(key) ?? this.evaluate(root, scope), ...args], true), lineOf(n)));
      }
    }
    const helpers = this.rules.derived?.get(written) ?? this.rules.derived?.get(callee);
    if (!helpers && !this.rules.anyCallee.test(callee) && !this.rules.anyCallee.test(written)) return;
    for (const s of helpers ? [...this.rules.sinks, ...helpers] : this.rules.sinks) {
      if (!s.callee || !(s.callee.test(callee) || s.callee.test(written))) continue;
      if (s.when && !s.when.test(n.text)) continue;
      if (s.unless && s.unless.test(n.text)) continue;
      const args = this.syn.args(n);
      const picked = s.spec.args === 'all' ? [...args] : (s.spec.args ?? (s.spec.kwargs ? [] : [0])).map((i) => args[i]).filter((a): a is SyntaxNode => !!a);
      // A query given as a config object (`{ text: 'SELECT … $1', values: [x] }`): only its text counts.
      if (s.spec.objectKeys) {
        for (let i = 0; i < picked.length; i++) {
          const a = picked[i];
          if (a.type !== 'object') continue;
          const keys = s.spec.objectKeys;
          const pair = a.namedChildren.find((p) => p.type === 'pair' && keys.includes((p.childForFieldName('key')?.text ?? '').replace(/['"]/g, '')));
          const value = pair?.childForFieldName('value');
          if (value) picked[i] = value;
          else picked.splice(i--, 1);
        }
      }
      const recv = s.spec.receiver ? this.syn.receiver(n) : null;
      if (recv) picked.push(recv);
      // An option passed in place (`{ filter: f }`) or held in a variable made from a literal (`search(base, opts)`).
      const held: Value[] = [];
      for (const k of s.spec.kwargs ?? []) {
        const kw = this.syn.kwarg(n, k);
        if (kw) picked.push(kw);
        else
          for (const a of args) {
            const entry = this.syn.identifiers.has(a.type) ? scope.lookup(a.text)?.entries?.[k] : undefined;
            if (entry) held.push(entry);
          }
      }
      // Every argument of an "all" sink is one value (`ProcessBuilder("sh", "-c", cmd)`, a log line).
      const values = [...(s.spec.args === 'all' && picked.length ? [join(picked.map((a) => this.evaluate(a, scope)))] : picked.map((a) => this.evaluate(a, scope))), ...held];
      for (const v of values) {
        if (s.spec.skipArrays && v.array) continue;
        if (s.valueLike && !s.valueLike.test(v.text)) continue;
        if (this.report(s.rule, n, v, scope, s.spec)) break;
      }
    }
  }

  private checkAssign(target: SyntaxNode, node: SyntaxNode, v: Value, scope: Scope): void {
    const text = keyOf(target);
    for (const s of this.rules.sinks) if (s.assign && s.assign.test(text)) this.report(s.rule, node, v, scope, s.spec);
  }

  private report(rule: TaintRule, call: SyntaxNode, v: Value, scope: Scope, sink?: SinkSpec): boolean {
    const at = anchorOf(call);
    if (v.clean.includes(rule.id)) return false;
    const like = this.rules.builtLike.get(rule.id);
    // A `direct` sink (HTML written as it is) wants the input's own text: what an unknown call computed from it (rows a query found, a file's content) is not.
    const viaTaint = v.taint && !(sink?.direct && (v.indirect || v.array || v.record || v.entries || v.items));
    const viaBuilt = !!rule.built && v.built && v.dyn && (!like || like.test(v.text));
    const viaDynamic = !!rule.dynamic && !sink?.noDynamic && v.dyn;
    if (!viaTaint && !viaBuilt && !viaDynamic) return false;
    const guard = this.rules.guards.get(rule.id);
    if (guard && scope.fn && guard.test(scope.fn.text)) return false;
    if (this.summaries) return this.summarise(rule, v, lineOf(at));
    if (rule.summaries && this.following) return true;
    const line = lineOf(at);
    if (this.findings.some((f) => f.ruleId === rule.id && f.line === line)) return true;
    const via = (sink as { via?: string } | undefined)?.via;
    this.findings.push(taintFinding(rule, v, { viaTaint, viaBuilt, via }, { path: this.path, line, column: at.startPosition.column + 1, snippet: (this.lines[line - 1] ?? '').trim().slice(0, 200) }));
    return true;
  }

  /** Summary mode: the marked parameters that reach this sink make their function a sink too. */
  private summarise(rule: TaintRule, v: Value, line: number): boolean {
    for (const key of v.params ?? []) {
      const [start, index] = key.split(':').map(Number);
      const fn = this.fnNames.get(start) ?? '';
      if (/^[A-Za-z_$][\w$]*$/.test(fn)) this.summaries!.push({ fn, param: index, ruleId: rule.id, line });
    }
    return !!v.params?.length;
  }
}

/**
 * Findings of the taint rules in one parsed file; `universe`: the language's rules the callee prefilter
 * is built from (compiled once); `note.truncated` says when nesting too deep was not read.
 */
export function taintFindings(
  root: SyntaxNode,
  lang: GuardLanguage,
  rules: TaintRule[],
  path: string,
  text: string,
  derived: DerivedSink[] = [],
  universe?: readonly TaintRule[],
  note: { truncated?: boolean } = {},
): Finding[] {
  const a = new Analysis(lang, withDerived(compile(rules, lang, universe), rules, derived), path, text);
  a.run(root);
  if (a.truncated) note.truncated = true;
  return a.findings;
}

/** One summary pass (see summaries.ts): which named functions' parameters reach these rules' sinks. */
export function taintSummaries(root: SyntaxNode, lang: GuardLanguage, rules: TaintRule[], text: string, derived: DerivedSink[], universe?: readonly TaintRule[]): ParamSummary[] {
  const out: ParamSummary[] = [];
  new Analysis(lang, withDerived(compile(rules, lang, universe), rules, derived), '', text, out).run(root);
  return out;
}
