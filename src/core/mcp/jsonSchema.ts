// Owns checking a tool call's arguments against an MCP server's JSON Schema before the call goes
// out, with ajv: draft-07 (the default, and what zod-to-json-schema emits), 2019-09 and 2020-12 as
// named by `$schema`, known formats checked (ajv-formats) and unknown ones ignored rather than
// fatal. Each distinct schema is compiled once and cached. Problems come back as "path: what to fix"
// lines the model can act on; a schema that does not compile throws a sentence saying so.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Draft = '07' | '2019-09' | '2020-12';

const OPTIONS = {
  allErrors: true,
  // Errors carry the offending value and schema, so messages can say what was given and what fits.
  verbose: true,
  // Servers add their own keywords and formats; ignore what ajv does not know instead of failing.
  strict: false,
  logger: false as const,
  // Two servers may use the same $id: keep each compiled schema to itself.
  addUsedSchema: false,
};

const instances = new Map<Draft, Ajv>();
function ajvFor(draft: Draft): Ajv {
  let ajv = instances.get(draft);
  if (!ajv) {
    ajv = draft === '2020-12' ? new Ajv2020(OPTIONS) : draft === '2019-09' ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
    addFormats(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

/** The dialect a schema asks for; anything else (draft-04/06, none, unknown) is read as draft-07. */
function draftOf(schema: Record<string, unknown>): Draft {
  const id = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('2020-12')) return '2020-12';
  if (id.includes('2019-09')) return '2019-09';
  return '07';
}

export type ArgumentsValidator = (value: unknown) => string[];

const MAX_CACHED = 500;
const cache = new Map<string, ArgumentsValidator>();
const MAX_PROBLEMS = 12;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** "/items/0/name" under "arguments" -> "arguments.items[0].name". */
function pathOf(instancePath: string, root: string): string {
  if (!instancePath) return root;
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((at, seg) => (/^\d+$/.test(seg) ? `${at}[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `${at}.${seg}` : `${at}[${JSON.stringify(seg)}]`), root);
}

const show = (v: unknown) => JSON.stringify(v);

function describe(e: ErrorObject, root: string): string {
  const at = pathOf(e.instancePath, root);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at}.${String(p.missingProperty)}: is required but missing`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${at}.${String(p.additionalProperty)}: is not allowed${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'enum':
      return `${at}: must be one of ${(p.allowedValues as unknown[]).map(show).join(', ')}, got ${show(e.data)}`;
    case 'const':
      return `${at}: must be ${show(p.allowedValue)}, got ${show(e.data)}`;
    case 'type':
      return `${at}: must be ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}, got ${typeOf(e.data)}`;
    default:
      return `${at}: ${e.message ?? `fails "${e.keyword}"`}`;
  }
}

/**
 * Compiles `schema` (cached by content) into a function returning the problems with a value, empty
 * when it fits. Throws an Error whose message says why the schema itself is unusable.
 */
export function argumentsValidator(schema: unknown, root = 'arguments'): ArgumentsValidator {
  const s = (schema && typeof schema === 'object' ? schema : {}) as Record<string, unknown>;
  const draft = draftOf(s);
  const key = `${draft} ${root} ${JSON.stringify(s)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // The dialect is chosen above; a `$schema` ajv has no meta-schema for (draft-04) must not fail compile.
  const { $schema: _dialect, ...body } = s;
  let validate: ValidateFunction;
  try {
    validate = ajvFor(draft).compile(body);
  } catch (err) {
    throw new Error(`its input schema is not valid JSON Schema (${(err as Error).message})`);
  }
  const check: ArgumentsValidator = (value) => {
    if (validate(value)) return [];
    const lines = [...new Set((validate.errors ?? []).map((e) => describe(e, root)))];
    return lines.length > MAX_PROBLEMS ? [...lines.slice(0, MAX_PROBLEMS), `and ${lines.length - MAX_PROBLEMS} more`] : lines;
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, check);
  return check;
}

/** The problems with `value` under `schema`, as "path: message" lines (empty when it fits). */
export function validateJsonSchema(schema: unknown, value: unknown, at = 'arguments'): string[] {
  return argumentsValidator(schema, at)(value);
}
