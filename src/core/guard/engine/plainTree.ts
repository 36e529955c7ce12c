// Owns a plain-JavaScript copy of a tree-sitter tree for the taint analysis. Reading a tree-sitter
// node (children, fields) crosses into WASM and allocates on every call; the analysis reads each
// node many times, so one cursor walk copies the tree into plain objects and all later reads are
// property accesses. The copy offers the subset of the node API the analysis uses.
//
// Each cursor call crosses into WASM (about 0.1 µs, most of the copy's cost), so the walk makes as
// few as it can: a node's type and whether it is named come from one type-id call and a table built
// once per grammar, and anonymous tokens (punctuation, operators) are stepped over without asking
// for their children, which are never copied.
import type { Language, Tree } from '../../syntax/treeSitter';

export interface Point {
  row: number;
  column: number;
}

/** Node types whose children fill no field, in every grammar the guard uses. */
const LISTS = new Set(['program', 'module', 'statement_block', 'block', 'class_body', 'arguments', 'argument_list', 'array', 'object', 'expression_statement', 'list', 'tuple', 'dictionary', 'array_initializer', 'formal_parameters', 'parameters', 'template_string', 'string', 'named_imports', 'import_clause', 'object_pattern', 'array_pattern', 'switch_body', 'enum_body', 'interface_body']);

/** Shared by every leaf, so leaves (most nodes) allocate no array. */
const NO_CHILDREN: PlainNode[] = [];

export class PlainNode {
  /** Named children only: punctuation and operator tokens are not copied (read operators from the text between operands). */
  children: PlainNode[] = NO_CHILDREN;
  parent: PlainNode | null = null;
  /** The field this node fills in its parent (`name`, `value`, …), if any. */
  field: string | null = null;
  /** The text without spaces, once computed (see taint.ts). */
  key?: string;
  /** A call's callee as the taint analysis reads it, once computed (see taint.ts). */
  callee?: string;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: Source,
  ) {}

  get namedChildren(): PlainNode[] {
    return this.children;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  /** Computed from the line table when asked (most nodes are never reported). */
  get startPosition(): Point {
    const starts = this.source.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= this.startIndex) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: this.startIndex - starts[lo] };
  }

  /** The source text between two nodes (an operator between its operands). */
  textBetween(a: PlainNode, b: PlainNode): string {
    return this.source.text.slice(a.endIndex, b.startIndex);
  }

  childForFieldName(name: string): PlainNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }
}

interface Source {
  text: string;
  lineStarts: number[];
}

interface TypeTable {
  names: string[];
  named: boolean[];
}

const typeTables = new WeakMap<Language, TypeTable>();

/** Every node type of a grammar by id, and whether it is named: read once per grammar. */
function typeTable(language: Language): TypeTable {
  let t = typeTables.get(language);
  if (!t) {
    t = { names: [], named: [] };
    for (let id = 0; id < language.nodeTypeCount; id++) {
      // The same fallback as the cursor's own nodeType.
      t.names.push(language.nodeTypeForId(id) || 'ERROR');
      t.named.push(language.nodeTypeIsNamed(id));
    }
    typeTables.set(language, t);
  }
  return t;
}

/**
 * Copies a tree into plain nodes with one cursor walk. Unnamed nodes (punctuation, operators) are
 * not copied; nodes whose type is in `opaque` are copied without their children (type annotations,
 * plain string literals: nothing in them flows anywhere), which keeps the walk short.
 */
export function plainTree(tree: Tree, text: string, opaque: ReadonlySet<string> = new Set()): PlainNode {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const source: Source = { text, lineStarts };
  const types = typeTable(tree.language);
  const cursor = tree.walk();
  try {
    const root = new PlainNode(cursor.nodeType, true, cursor.startIndex, cursor.endIndex, source);
    // stack[top] is the node under the cursor (null for an unnamed token, which is not copied).
    const stack: Array<PlainNode | null> = [root];
    // Whether the cursor may go into the current node's children: not an unnamed token (its
    // children would not be copied), not an opaque node.
    let descend = true;
    const enter = () => {
      const parent = stack[stack.length - 1]!;
      const id = cursor.nodeTypeId;
      // Ids past the table (an ERROR node's) are asked of the cursor.
      const known = id < types.names.length;
      if (!(known ? types.named[id] : cursor.nodeIsNamed)) {
        descend = false;
        return stack.push(null);
      }
      const type = known ? types.names[id] : cursor.nodeType;
      descend = !opaque.has(type);
      const node = new PlainNode(type, true, cursor.startIndex, cursor.endIndex, source);
      // Lists (blocks, argument lists, arrays) name no fields: skip asking, each ask crosses into WASM.
      if (!LISTS.has(parent.type)) node.field = cursor.currentFieldName;
      node.parent = parent;
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
      stack.push(node);
    };
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          stack.pop();
          enter();
          break;
        }
        if (!cursor.gotoParent()) return root;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
