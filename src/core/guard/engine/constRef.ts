// Owns reading a name given as an argument back to the string constant it holds, for the query rules
// (`const alg = 'md5'; createHash(alg)`, `static final String ALG = "MD5"; MessageDigest.getInstance(ALG)`,
// `ALG = "md5"` then `hashlib.new(ALG)`). The name is a constant only when every binding of it in its
// scope (the enclosing function when it binds the name there, else the whole file) is a plain string
// literal or another such name: a parameter, a loop variable or any other assigned value (input, a call)
// means the value is not known and nothing is returned. Of the literal bindings, the last one before
// the use decides (`alg = 'md5'; alg = 'sha256'` is SHA-256).
import type { SyntaxNode } from '../../syntax/treeSitter';

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function_definition', 'method_declaration', 'constructor_declaration', 'lambda_expression', 'lambda', 'generator_function_declaration']);
const PARAMS = new Set(['formal_parameters', 'formal_parameter', 'required_parameter', 'optional_parameter', 'parameters', 'typed_parameter', 'default_parameter', 'typed_default_parameter', 'lambda_parameters', 'spread_parameter', 'catch_clause', 'catch_formal_parameter']);
/** Declarations and assignments: the node type and the fields of its target and its value. */
const BINDS: Record<string, readonly [string, string]> = {
  variable_declarator: ['name', 'value'],
  assignment_expression: ['left', 'right'],
  assignment: ['left', 'right'],
  augmented_assignment: ['left', 'right'],
  augmented_assignment_expression: ['left', 'right'],
  field_definition: ['property', 'value'],
  public_field_definition: ['name', 'value'],
};
/** Other places a name is bound to something not known here (loops, `with … as`, imports). */
const OTHER = new Set(['for_in_statement', 'for_statement', 'enhanced_for_statement', 'as_pattern', 'with_item', 'import_from_statement', 'import_statement', 'import_specifier', 'aliased_import', 'update_expression', 'named_expression', 'pair_pattern', 'array_pattern', 'object_pattern', 'rest_pattern', 'pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern']);

/** `x`, `this.x`, `self.x`, `Cls.x`: the name read, or undefined for anything else. */
function nameOf(n: SyntaxNode): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type === 'field_access') return n.childForFieldName('field')?.text;
  if (n.type === 'attribute' || n.type === 'member_expression') {
    const obj = n.childForFieldName('object');
    if (obj && /^(this|self|[A-Z]\w*)$/.test(obj.text)) return (n.childForFieldName('attribute') ?? n.childForFieldName('property'))?.text;
  }
  return undefined;
}

function enclosingFunction(n: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return undefined;
}

/** A string literal with nothing interpolated: its text (quotes included), else undefined. */
function literalText(n: SyntaxNode): string | undefined {
  if (n.type === 'string_literal' && !n.namedChildren.some((c) => c?.type === 'string_interpolation')) return n.text;
  if (n.type === 'string' && !n.namedChildren.some((c) => c?.type === 'interpolation')) return n.text.replace(/^[rRuUbB]+/, '');
  if (n.type === 'template_string' && !n.namedChildren.some((c) => c?.type === 'template_substitution')) return n.text;
  return undefined;
}

interface Binding {
  at: number;
  /** The bound value, or undefined when it is not a plain assignment (a parameter, a loop variable). */
  value?: SyntaxNode;
}

/** Every binding of `name` under `root`, with `skip` (functions that are another scope) not entered. */
function bindingsOf(root: SyntaxNode, name: string, skip: (n: SyntaxNode) => boolean): Binding[] {
  const out: Binding[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== root && skip(n)) continue;
    const fields = BINDS[n.type];
    if (fields) {
      const target = n.childForFieldName(fields[0]);
      // A class field (`alg = 'md5'` in a class body) is bound by its bare name.
      if (target && (nameOf(target) === name || (target.type === 'property_identifier' && target.text === name))) out.push({ at: n.startIndex, value: n.type.startsWith('augmented') ? undefined : (n.childForFieldName(fields[1]) ?? undefined) });
    } else if (n.type === 'shorthand_property_identifier_pattern' && n.text === name) {
      out.push({ at: n.startIndex });
    } else if (n.type === 'identifier' && n.text === name && n.parent && (PARAMS.has(n.parent.type) || OTHER.has(n.parent.type))) {
      out.push({ at: n.startIndex });
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/**
 * The string literal (its text, quotes included) that the name `ref` holds where it is read, or
 * undefined when that is not a known constant. Follows a name assigned from another name a few steps.
 */
export function constantText(ref: SyntaxNode, depth = 0): string | undefined {
  const direct = literalText(ref);
  if (direct !== undefined) return direct;
  const name = nameOf(ref);
  if (!name || depth > 4) return undefined;
  const fn = enclosingFunction(ref);
  let root: SyntaxNode = ref;
  while (root.parent) root = root.parent;
  const local = fn && ref.type === 'identifier' ? bindingsOf(fn, name, () => false) : [];
  // Not bound in its function: a module or class constant, bound anywhere in the file (an assignment in any function counts).
  const binds = local.length ? local : bindingsOf(root, name, () => false);
  if (!binds.length || binds.some((b) => !b.value)) return undefined;
  const before = binds.filter((b) => b.at < ref.startIndex).sort((a, b) => a.at - b.at);
  const chosen = before.length ? before[before.length - 1] : !local.length && binds.length === 1 ? binds[0] : undefined;
  if (!chosen?.value) return undefined;
  // Every binding must be a known constant; the chosen one's is the value.
  for (const b of binds) if (b !== chosen && constantText(b.value!, depth + 1) === undefined) return undefined;
  return constantText(chosen.value, depth + 1);
}
