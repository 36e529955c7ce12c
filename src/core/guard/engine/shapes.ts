// Owns collections whose contents the taint analysis knows element by element: a list created empty
// (`new ArrayList<>()`, `[]`) and then filled with `add`/`append`/`push`, or a map filled with `put`/`set`
// under constant keys. `get(1)` then returns the element at 1, not the union of all of them, so a list
// whose untrusted element was removed, or a map whose untrusted entry was overwritten or sits under
// another key, yields the constant that is really read. Anything it cannot follow (a non-constant key or
// index, an unknown method) turns the collection back into the union of its contents, as before.
import type { PlainNode as SyntaxNode } from './plainTree';
import type { Lit } from './fold';
import { constant, join, mergeLines, type Value } from './value';

export interface ShapeHost {
  evaluate(n: SyntaxNode): Value;
  literal(n: SyntaxNode): Lit | undefined;
}

const LIST_TYPE = /^(?:(?:java\.util\.)?(?:ArrayList|LinkedList|Vector|Stack|ArrayDeque|CopyOnWriteArrayList)|Array)\b/;
const MAP_TYPE = /^(?:(?:java\.util\.)?(?:HashMap|LinkedHashMap|TreeMap|Hashtable|ConcurrentHashMap|Properties)|Map)\b/;
const MAX_ITEMS = 64;

const listOf = (items: Value[], lines: number[] = []): Value => ({ ...join(items), items, lines: mergeLines(lines, join(items).lines) });
const mapOf = (entries: Record<string, Value>, lines: number[] = []): Value => {
  const all = join(Object.values(entries));
  return { ...all, entries, lines: mergeLines(lines, all.lines) };
};

/** The value of an expression that creates an empty (or literal) collection whose elements are followed. */
export function createdShape(n: SyntaxNode, host: ShapeHost): Value | undefined {
  if (n.type === 'object_creation_expression' || n.type === 'new_expression') {
    const type = (n.childForFieldName('type') ?? n.childForFieldName('constructor'))?.text.replace(/\s+/g, '') ?? '';
    if ((n.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0 || n.namedChildren.some((c) => c.type === 'class_body')) return undefined;
    if (LIST_TYPE.test(type)) return listOf([]);
    if (MAP_TYPE.test(type)) return mapOf({});
    return undefined;
  }
  if ((n.type === 'list' || n.type === 'array') && n.namedChildren.length <= MAX_ITEMS && !n.namedChildren.some((c) => /spread|splat|comprehension/.test(c.type))) {
    return listOf(n.namedChildren.map((c) => host.evaluate(c)));
  }
  if (n.type === 'dictionary' || n.type === 'object') return literalMap(n, host);
  return undefined;
}

/** `{'a': x, 'b': 'safe'}`, `{ a: x, b }`: a map whose keys are all constants (no spread, no computed key). */
function literalMap(n: SyntaxNode, host: ShapeHost): Value | undefined {
  const entries: Record<string, Value> = {};
  const kids = n.namedChildren.filter((c) => !/comment/.test(c.type));
  if (kids.length > MAX_ITEMS) return undefined;
  for (const c of kids) {
    if (c.type === 'shorthand_property_identifier') {
      entries[c.text] = host.evaluate(c);
      continue;
    }
    const k = c.type === 'pair' ? c.childForFieldName('key') : null;
    const v = c.childForFieldName('value');
    if (!k || !v) return undefined;
    const name = k.type === 'property_identifier' ? k.text : key(host.literal(k));
    if (name === undefined) return undefined;
    entries[name] = host.evaluate(v);
  }
  return mapOf(entries);
}

/** The key an element access names, when constant: `d['a']`, `o.a`, `o["a"]`, `xs[1]`, `arr[0]`. */
function elementKey(n: SyntaxNode, host: ShapeHost): Lit | undefined {
  if (n.type === 'member_expression') {
    const p = n.childForFieldName('property');
    return p?.type === 'property_identifier' ? p.text : undefined;
  }
  const k = n.childForFieldName('subscript') ?? n.childForFieldName('index');
  return k ? host.literal(k) : undefined;
}

/** A read of a followed collection by element access (`d['b']`, `o.b`, `xs[0]`): that element; undefined when not known. */
export function readElement(n: SyntaxNode, coll: Value, host: ShapeHost): Value | undefined {
  if (n.type === 'attribute') return undefined;
  const k = elementKey(n, host);
  if (coll.entries) {
    const name = key(k);
    return name === undefined ? undefined : (coll.entries[name] ?? constant());
  }
  const i = index(k);
  return coll.items && i !== undefined ? (coll.items[i] ?? constant()) : undefined;
}

/**
 * `d['b'] = v`, `o.b = v`, `xs[0] = v` on a followed collection: its new value. A key that is not constant may
 * overwrite any entry: the collection becomes the union of its contents and the value.
 */
export function writeElement(n: SyntaxNode, coll: Value, v: Value, host: ShapeHost, line: number): Value {
  const lines = mergeLines([line], coll.lines);
  const k = n.type === 'attribute' ? undefined : elementKey(n, host);
  const name = key(k);
  if (coll.entries && name !== undefined && Object.keys(coll.entries).length < MAX_ITEMS) return mapOf({ ...coll.entries, [name]: v }, lines);
  const i = index(k);
  if (coll.items && i !== undefined && i < coll.items.length) return listOf(coll.items.map((x, j) => (j === i ? v : x)), lines);
  return { ...join([coll, v]), lines };
}

const key = (v: Lit | undefined): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const index = (v: Lit | undefined): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * A mutating call on a followed collection: its new value, or undefined when the call is not one this
 * module follows (the caller then unions the arguments in, as for any other container).
 */
export function mutate(method: string, coll: Value, args: SyntaxNode[], host: ShapeHost, line: number): Value | undefined {
  const lines = mergeLines([line], coll.lines);
  if (coll.items) {
    const items = [...coll.items];
    const at = args.length > 1 ? index(host.literal(args[0])) : undefined;
    switch (method) {
      case 'add':
      case 'append':
      case 'push':
      case 'addLast':
      case 'offer':
      case 'offerLast':
        if (args.length === 1) items.push(host.evaluate(args[0]));
        else if (args.length === 2 && at !== undefined && at <= items.length) items.splice(at, 0, host.evaluate(args[1]));
        else return undefined;
        break;
      case 'insert':
        if (at === undefined || at > items.length) return undefined;
        items.splice(at, 0, host.evaluate(args[1]));
        break;
      case 'addFirst':
      case 'offerFirst':
      case 'unshift':
        if (args.length !== 1) return undefined;
        items.unshift(host.evaluate(args[0]));
        break;
      case 'set': {
        const i = index(host.literal(args[0]));
        if (i === undefined || i >= items.length || args.length !== 2) return undefined;
        items[i] = host.evaluate(args[1]);
        break;
      }
      case 'remove':
      case 'pop': {
        // Java's remove(int) removes by index; remove(Object) is not followed (the element stays counted).
        const i = args.length === 0 ? (method === 'pop' ? items.length - 1 : 0) : index(host.literal(args[0]));
        if (i === undefined || i >= items.length) return coll;
        items.splice(i, 1);
        break;
      }
      case 'removeFirst':
      case 'poll':
      case 'shift':
        items.shift();
        break;
      case 'clear':
        items.length = 0;
        break;
      default:
        return undefined;
    }
    return items.length > MAX_ITEMS ? undefined : { ...listOf(items, lines), ...(coll.array ? { array: true } : {}) };
  }
  if (coll.entries) {
    const entries = { ...coll.entries };
    const k = args.length ? key(host.literal(args[0])) : undefined;
    switch (method) {
      case 'put':
      case 'set':
      case 'setProperty':
        if (k === undefined || args.length !== 2) return undefined;
        entries[k] = host.evaluate(args[1]);
        break;
      case 'putIfAbsent':
        if (k === undefined || args.length !== 2) return undefined;
        entries[k] ??= host.evaluate(args[1]);
        break;
      case 'remove':
      case 'delete':
      case 'pop':
        if (k === undefined) return coll;
        delete entries[k];
        break;
      case 'clear':
        return mapOf({}, lines);
      default:
        return undefined;
    }
    return Object.keys(entries).length > MAX_ITEMS ? undefined : mapOf(entries, lines);
  }
  return undefined;
}

/** A read of a followed collection by a constant index or key: that element (nothing there: a constant null). */
export function read(method: string, coll: Value, args: SyntaxNode[], host: ShapeHost): Value | undefined {
  if (coll.items) {
    if (method === 'get' && args.length === 1) {
      const i = index(host.literal(args[0]));
      return i === undefined ? undefined : (coll.items[i] ?? constant());
    }
    if (method === 'getFirst' || method === 'peek' || method === 'peekFirst' || method === 'element') return coll.items[0] ?? constant();
    if (method === 'getLast' || method === 'peekLast') return coll.items[coll.items.length - 1] ?? constant();
    return undefined;
  }
  if (coll.entries && /^(?:get|getOrDefault|getProperty)$/.test(method) && args.length >= 1) {
    const k = key(host.literal(args[0]));
    if (k === undefined) return undefined;
    const v = coll.entries[k];
    if (v) return v;
    return args[1] ? host.evaluate(args[1]) : constant();
  }
  return undefined;
}
