// Owns the per-language view of tree-sitter syntax trees that the taint analysis needs: which node
// types are functions, calls, literals, strings with interpolation, member accesses and assignments,
// and how to read a callee, its arguments, an assignment's targets and a function's parameters.
// One table per grammar family (JavaScript/TypeScript, Python, Java); the analysis itself is generic.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';
import { withoutPackage } from './qualified';

export interface Param {
  name: string;
  /** Annotations / decorators text (Java parameter annotations), for source detection. */
  annotations: string;
}

export interface Assignment {
  targets: SyntaxNode[];
  value: SyntaxNode;
  augmented: boolean;
}

export interface Syntax {
  lang: GuardLanguage;
  functions: Set<string>;
  calls: Set<string>;
  constants: Set<string>;
  strings: Set<string>;
  interpolations: Set<string>;
  identifiers: Set<string>;
  binary: Set<string>;
  /** Member, attribute, subscript and field accesses: their value is their object's. */
  members: Set<string>;
  /** Nodes whose children are evaluated except the key (object pairs, keyword arguments). */
  valueOnly: Record<string, string>;
  callee(call: SyntaxNode): string;
  receiver(call: SyntaxNode): SyntaxNode | null;
  args(call: SyntaxNode): SyntaxNode[];
  kwarg(call: SyntaxNode, name: string): SyntaxNode | null;
  memberObject(node: SyntaxNode): SyntaxNode | null;
  assignment(node: SyntaxNode): Assignment | undefined;
  params(fn: SyntaxNode): Param[];
  fnName(fn: SyntaxNode): string;
  /** Decorators (Python) or annotations (Java) of a function, as text. */
  decorators(fn: SyntaxNode): string;
  /** The base classes of the class a method is written in (`web.RequestHandler`), as text; '' for a plain function. */
  classBases(fn: SyntaxNode): string;
}

/** Where a finding on a call is reported: the method name's line, so a chained call spread over lines points at its own line. */
export function anchorOf<T extends { type: string; childForFieldName(name: string): T | null }>(n: T): T {
  if (n.type !== 'method_invocation' && n.type !== 'call_expression' && n.type !== 'call') return n;
  const f = n.childForFieldName('function');
  const name = n.type === 'method_invocation' ? n.childForFieldName('name') : f?.type === 'member_expression' ? f.childForFieldName('property') : f?.type === 'attribute' ? f.childForFieldName('attribute') : null;
  return name ?? n;
}

/** A binary expression's operator: the text between its operands (operator tokens are not copied). */
export function operatorOf(n: SyntaxNode): string {
  const l = n.childForFieldName('left');
  const r = n.childForFieldName('right');
  return l && r ? n.textBetween(l, r).replace(/#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() : '';
}

/** The variable a member or call chain starts from (`sb` of `sb.append(a).append(b)`), if it starts from one. */
export function rootOf(n: SyntaxNode | null, syn: Syntax): SyntaxNode | null {
  while (n && !syn.identifiers.has(n.type)) {
    if (syn.members.has(n.type)) n = syn.memberObject(n);
    else if (syn.calls.has(n.type)) n = syn.receiver(n);
    else return null;
  }
  return n;
}

const named = (n: SyntaxNode | null): SyntaxNode[] => (n ? (n.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[]) : []);
export const squash = (s: string): string => s.replace(/\s+/g, '').replace(/\?\./g, '.').slice(0, 300);

/** The identifiers a binding pattern introduces (destructuring, tuples), or the target itself. */
function bindingTargets(n: SyntaxNode, simple: Set<string>): SyntaxNode[] {
  if (simple.has(n.type)) return [n];
  const out: SyntaxNode[] = [];
  const visit = (c: SyntaxNode) => {
    if (c.type === 'identifier' || c.type === 'shorthand_property_identifier_pattern') out.push(c);
    else if (c.type === 'pair_pattern') {
      const v = c.childForFieldName('value');
      if (v) visit(v);
    } else for (const k of named(c)) visit(k);
  };
  visit(n);
  return out;
}

function paramName(p: SyntaxNode): string | undefined {
  if (p.type === 'identifier') return p.text;
  const f = p.childForFieldName('pattern') ?? p.childForFieldName('name') ?? p.childForFieldName('left');
  if (f) return f.type === 'identifier' ? f.text : paramName(f);
  return named(p).find((c) => c.type === 'identifier')?.text;
}

function enclosingName(fn: SyntaxNode): string {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = fn.parent;
  if (!p) return '';
  if (p.type === 'variable_declarator' || p.type === 'assignment_expression') return (p.childForFieldName('name') ?? p.childForFieldName('left'))?.text ?? '';
  if (p.type === 'pair') return p.childForFieldName('key')?.text ?? '';
  if (p.type === 'arguments') return p.parent?.childForFieldName('function')?.text ?? '';
  return '';
}

/** Per file: each top-level class's name and bases text, to follow `class A(Base)` to `class Base(RequestHandler)`. */
const classTables = new WeakMap<SyntaxNode, Map<string, string>>();

function classTable(root: SyntaxNode, classType: string, field: string): Map<string, string> {
  let table = classTables.get(root);
  if (table) return table;
  table = new Map();
  for (let c of named(root)) {
    if (c.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    const name = c.type === classType ? c.childForFieldName('name')?.text : undefined;
    if (name) table.set(name, c.childForFieldName(field)?.text ?? '');
  }
  classTables.set(root, table);
  return table;
}

/**
 * The bases of the class whose body holds `fn` (through a decorator), read from the class node's `field`,
 * followed through the classes of the same file (three levels): `class B(A)` with `class A(RequestHandler)`
 * gives `A RequestHandler`.
 */
function basesOf(fn: SyntaxNode, classType: string, field: string): string {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  const cls = p?.parent;
  if (cls?.type !== classType) return '';
  let root = cls;
  while (root.parent) root = root.parent;
  const table = classTable(root, classType, field);
  let bases = cls.childForFieldName(field)?.text ?? '';
  let frontier = bases;
  for (let depth = 0; depth < 3 && frontier; depth++) {
    frontier = (frontier.match(/[A-Za-z_]\w*/g) ?? []).map((n) => table.get(n) ?? '').join(' ');
    bases += ` ${frontier}`;
  }
  return bases;
}

const JS_TARGETS = new Set(['identifier', 'member_expression', 'subscript_expression']);
const PY_TARGETS = new Set(['identifier', 'attribute', 'subscript']);
const JAVA_TARGETS = new Set(['identifier', 'field_access', 'array_access']);

const JS: Syntax = {
  lang: 'js',
  functions: new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']),
  calls: new Set(['call_expression', 'new_expression']),
  constants: new Set(['number', 'true', 'false', 'null', 'undefined', 'regex', 'comment']),
  strings: new Set(['string', 'template_string']),
  interpolations: new Set(['template_substitution']),
  identifiers: new Set(['identifier', 'shorthand_property_identifier']),
  binary: new Set(['binary_expression']),
  members: new Set(['member_expression', 'subscript_expression']),
  valueOnly: { pair: 'value' },
  callee: (c) => (c.type === 'new_expression' ? `new ${squash(c.childForFieldName('constructor')?.text ?? '')}` : squash(c.childForFieldName('function')?.text ?? '')),
  receiver: (c) => {
    const f = c.childForFieldName('function');
    return f?.type === 'member_expression' ? f.childForFieldName('object') : null;
  },
  args: (c) => named(c.childForFieldName('arguments')),
  kwarg: (c, name) => {
    for (const a of named(c.childForFieldName('arguments'))) {
      if (a.type !== 'object') continue;
      for (const p of named(a)) {
        if (p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === name) return p.childForFieldName('value');
        // `{ filter, scope }`: the variable of the same name.
        if (p.type === 'shorthand_property_identifier' && p.text === name) return p;
      }
    }
    return null;
  },
  memberObject: (n) => n.childForFieldName('object'),
  assignment: (n) => {
    const simple = JS_TARGETS;
    if (n.type === 'variable_declarator') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      return name && value ? { targets: bindingTargets(name, simple), value, augmented: false } : undefined;
    }
    if (n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return left && right ? { targets: bindingTargets(left, simple), value: right, augmented: n.type !== 'assignment_expression' } : undefined;
    }
    if (n.type === 'for_in_statement') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return left && right ? { targets: bindingTargets(left, simple), value: right, augmented: false } : undefined;
    }
    return undefined;
  },
  params: (fn) => {
    const single = fn.childForFieldName('parameter');
    if (single) return [{ name: single.text, annotations: '' }];
    return named(fn.childForFieldName('parameters')).flatMap((p) => {
      const name = paramName(p);
      return name ? [{ name, annotations: named(p).filter((c) => c.type === 'decorator').map((d) => d.text).join(' ') }] : [];
    });
  },
  fnName: enclosingName,
  decorators: () => '',
  classBases: (fn) => (fn.parent?.parent?.type === 'class_declaration' || fn.parent?.parent?.type === 'class' ? (named(fn.parent.parent).find((c) => c.type === 'class_heritage')?.text ?? '') : ''),
};

const PYTHON: Syntax = {
  lang: 'python',
  functions: new Set(['function_definition', 'lambda']),
  calls: new Set(['call']),
  constants: new Set(['integer', 'float', 'true', 'false', 'none', 'comment', 'ellipsis']),
  strings: new Set(['string']),
  interpolations: new Set(['interpolation']),
  identifiers: new Set(['identifier']),
  binary: new Set(['binary_operator']),
  members: new Set(['attribute', 'subscript']),
  valueOnly: { keyword_argument: 'value', pair: 'value' },
  callee: (c) => squash(c.childForFieldName('function')?.text ?? ''),
  receiver: (c) => {
    const f = c.childForFieldName('function');
    return f?.type === 'attribute' ? f.childForFieldName('object') : null;
  },
  args: (c) => named(c.childForFieldName('arguments')).filter((a) => a.type !== 'keyword_argument'),
  kwarg: (c, name) => {
    for (const a of named(c.childForFieldName('arguments'))) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value');
    return null;
  },
  memberObject: (n) => n.childForFieldName('object') ?? n.childForFieldName('value'),
  assignment: (n) => {
    const simple = PY_TARGETS;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return left && right ? { targets: bindingTargets(left, simple), value: right, augmented: n.type === 'augmented_assignment' } : undefined;
    }
    if (n.type === 'named_expression') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      return name && value ? { targets: [name], value, augmented: false } : undefined;
    }
    if (n.type === 'as_pattern') {
      const alias = n.childForFieldName('alias');
      const value = named(n)[0];
      return alias && value && value !== alias ? { targets: bindingTargets(alias, simple), value, augmented: false } : undefined;
    }
    return undefined;
  },
  params: (fn) =>
    named(fn.childForFieldName('parameters')).flatMap((p) => {
      const name = paramName(p);
      return name && name !== 'self' && name !== 'cls' ? [{ name, annotations: '' }] : [];
    }),
  fnName: (fn) => fn.childForFieldName('name')?.text ?? '',
  decorators: (fn) => (fn.parent?.type === 'decorated_definition' ? named(fn.parent).filter((c) => c.type === 'decorator').map((d) => d.text).join('\n') : ''),
  classBases: (fn) => basesOf(fn, 'class_definition', 'superclasses'),
};

const JAVA: Syntax = {
  lang: 'java',
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  calls: new Set(['method_invocation', 'object_creation_expression']),
  constants: new Set(['decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal', 'true', 'false', 'null_literal', 'character_literal', 'class_literal', 'line_comment', 'block_comment']),
  strings: new Set(['string_literal', 'text_block']),
  interpolations: new Set(),
  identifiers: new Set(['identifier']),
  binary: new Set(['binary_expression']),
  members: new Set(['field_access', 'array_access']),
  valueOnly: {},
  callee: (c) => {
    if (c.type === 'object_creation_expression') return `new ${withoutPackage(squash(c.childForFieldName('type')?.text ?? '').replace(/<.*>$/, ''))}`;
    const obj = c.childForFieldName('object');
    const name = c.childForFieldName('name')?.text ?? '';
    return obj ? `${withoutPackage(squash(obj.text))}.${name}` : name;
  },
  receiver: (c) => c.childForFieldName('object'),
  args: (c) => named(c.childForFieldName('arguments')),
  kwarg: () => null,
  memberObject: (n) => n.childForFieldName('object') ?? n.childForFieldName('array'),
  assignment: (n) => {
    const simple = JAVA_TARGETS;
    if (n.type === 'variable_declarator') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      return name && value ? { targets: [name], value, augmented: false } : undefined;
    }
    if (n.type === 'assignment_expression') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const op = left && right ? n.text.slice(left.endIndex - n.startIndex, right.startIndex - n.startIndex).trim() : '=';
      return left && right ? { targets: bindingTargets(left, simple), value: right, augmented: op !== '=' } : undefined;
    }
    if (n.type === 'enhanced_for_statement') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      return name && value ? { targets: [name], value, augmented: false } : undefined;
    }
    return undefined;
  },
  params: (fn) => {
    const ps = fn.childForFieldName('parameters');
    if (ps?.type === 'identifier') return [{ name: ps.text, annotations: '' }];
    return named(ps).flatMap((p) => {
      const name = p.type === 'identifier' ? p.text : paramName(p);
      const mods = named(p).find((c) => c.type === 'modifiers');
      return name ? [{ name, annotations: `${mods?.text ?? ''} ${p.childForFieldName('type')?.text ?? ''}` }] : [];
    });
  },
  fnName: (fn) => fn.childForFieldName('name')?.text ?? '',
  decorators: (fn) => named(fn).find((c) => c.type === 'modifiers')?.text ?? '',
  classBases: (fn) => basesOf(fn, 'class_declaration', 'superclass'),
};

export const SYNTAX: Record<GuardLanguage, Syntax> = { js: JS, python: PYTHON, java: JAVA };
