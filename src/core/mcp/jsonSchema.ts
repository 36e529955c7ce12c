// Owns checking a tool call's arguments against an MCP server's JSON Schema before the call goes
// out: types, required properties, enums, nested objects and arrays — what servers actually use.
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  additionalProperties?: boolean | Schema;
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function fits(type: string, actual: string): boolean {
  return type === actual || (type === 'number' && actual === 'integer');
}

/** The problems with `value` under `schema`, as "path: message" lines (empty when it fits). */
export function validateJsonSchema(schema: unknown, value: unknown, at = 'arguments'): string[] {
  const s = (schema ?? {}) as Schema;
  const errors: string[] = [];
  const actual = typeOf(value);
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => fits(t, actual))) return [`${at}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errors.push(`${at}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in obj)) errors.push(`${at}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = s.properties?.[k];
      if (sub) errors.push(...validateJsonSchema(sub, v, `${at}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${at}.${k}: not allowed`);
      else if (typeof s.additionalProperties === 'object') errors.push(...validateJsonSchema(s.additionalProperties, v, `${at}.${k}`));
    }
  }
  if (actual === 'array' && s.items) (value as unknown[]).forEach((v, i) => errors.push(...validateJsonSchema(s.items, v, `${at}[${i}]`)));
  return errors;
}
