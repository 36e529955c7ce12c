// Arguments checked against MCP servers' JSON Schemas with ajv, table-driven: enums, nested objects,
// required inside nested objects, arrays of objects, additionalProperties: false, draft-07 and
// 2020-12 dialects, formats known and unknown, and schemas that do not compile.
import { strict as assert } from 'node:assert';
import { argumentsValidator, validateJsonSchema } from '../../../../src/core/mcp/jsonSchema';

const DEPLOY = {
  type: 'object',
  properties: {
    env: { type: 'string', enum: ['dev', 'staging', 'prod'] },
    replicas: { type: 'integer', minimum: 1 },
    target: {
      type: 'object',
      properties: { region: { type: 'string', enum: ['eu', 'us'] }, zone: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      required: ['region', 'zone'],
      additionalProperties: false,
    },
    steps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, retries: { type: 'number' } }, required: ['name'], additionalProperties: false } },
    'dry-run': { type: 'boolean' },
  },
  required: ['env', 'target'],
  additionalProperties: false,
};
const ok = { env: 'dev', target: { region: 'eu', zone: { id: 'a' } } };

const CASES: Array<{ name: string; schema?: unknown; value: unknown; problems: Array<string | RegExp> }> = [
  { name: 'a fitting call', value: { ...ok, steps: [{ name: 'build' }], 'dry-run': true }, problems: [] },
  { name: 'a value outside the enum', value: { ...ok, env: 'production' }, problems: ['arguments.env: must be one of "dev", "staging", "prod", got "production"'] },
  { name: 'an enum matched only in another case', value: { ...ok, env: 'DEV' }, problems: [/arguments\.env: must be one of/] },
  { name: 'an enum value of the wrong type', value: { ...ok, env: 1 }, problems: ['arguments.env: must be string, got integer', /arguments\.env: must be one of/] },
  { name: 'an enum inside a nested object', value: { env: 'dev', target: { region: 'asia', zone: { id: 'a' } } }, problems: ['arguments.target.region: must be one of "eu", "us", got "asia"'] },
  { name: 'a missing top-level required property', value: { target: ok.target }, problems: ['arguments.env: is required but missing'] },
  { name: 'a missing required property in a nested object', value: { env: 'dev', target: { zone: { id: 'a' } } }, problems: ['arguments.target.region: is required but missing'] },
  { name: 'a missing required property two levels down', value: { env: 'dev', target: { region: 'eu', zone: {} } }, problems: ['arguments.target.zone.id: is required but missing'] },
  { name: 'a nested object of the wrong type', value: { env: 'dev', target: 'eu' }, problems: ['arguments.target: must be object, got string'] },
  { name: 'an extra property at the top', value: { ...ok, force: true }, problems: ['arguments.force: is not allowed (allowed: env, replicas, target, steps, dry-run)'] },
  { name: 'an extra property in a nested object', value: { env: 'dev', target: { ...ok.target, rack: 3 } }, problems: ['arguments.target.rack: is not allowed (allowed: region, zone)'] },
  { name: 'an array item missing a required property', value: { ...ok, steps: [{ name: 'a' }, { retries: 2 }] }, problems: ['arguments.steps[1].name: is required but missing'] },
  { name: 'an array item with an extra property', value: { ...ok, steps: [{ name: 'a', sudo: true }] }, problems: ['arguments.steps[0].sudo: is not allowed (allowed: name, retries)'] },
  { name: 'an array item of the wrong type', value: { ...ok, steps: ['build'] }, problems: ['arguments.steps[0]: must be object, got string'] },
  { name: 'a number where an integer is needed', value: { ...ok, replicas: 1.5 }, problems: ['arguments.replicas: must be integer, got number'] },
  { name: 'a number below the minimum', value: { ...ok, replicas: 0 }, problems: ['arguments.replicas: must be >= 1'] },
  { name: 'several problems at once', value: { env: 'x', target: { region: 'eu', zone: {} }, extra: 1 }, problems: [/arguments: must NOT|arguments\.extra: is not allowed/, /arguments\.env: must be one of/, 'arguments.target.zone.id: is required but missing'] },
  { name: 'a property name that is not an identifier', value: { ...ok, 'dry-run': 'yes' }, problems: ['arguments["dry-run"]: must be boolean, got string'] },
  { name: 'arguments that are not an object', value: ['dev'], problems: ['arguments: must be object, got array'] },
  {
    name: 'a 2020-12 schema (prefixItems, $defs)',
    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', $defs: { mode: { enum: ['r', 'w'] } }, properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { $ref: '#/$defs/mode' }] } } },
    value: { pair: ['f', 'x'] },
    problems: ['arguments.pair[1]: must be one of "r", "w", got "x"'],
  },
  {
    name: 'a draft-07 schema (definitions, $ref)',
    schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', definitions: { id: { type: 'string', minLength: 2 } }, properties: { id: { $ref: '#/definitions/id' } }, required: ['id'] },
    value: { id: 'a' },
    problems: ['arguments.id: must NOT have fewer than 2 characters'],
  },
  { name: 'a draft-04 schema, read as draft-07', schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { n: { type: 'number' } } }, value: { n: 'one' }, problems: ['arguments.n: must be number, got string'] },
  { name: 'a known format', schema: { type: 'object', properties: { url: { type: 'string', format: 'uri' } } }, value: { url: 'not a uri' }, problems: ['arguments.url: must match format "uri"'] },
  { name: 'an unknown format, ignored', schema: { type: 'object', properties: { sha: { type: 'string', format: 'git-sha' } } }, value: { sha: 'anything' }, problems: [] },
  { name: 'unknown keywords, ignored', schema: { type: 'object', 'x-ui': { hidden: true }, properties: { a: { type: 'string', 'x-order': 1 } } }, value: { a: 'b' }, problems: [] },
  { name: 'an empty schema', schema: {}, value: { anything: 1 }, problems: [] },
];

describe('MCP argument validation (ajv)', () => {
  for (const c of CASES) {
    it(`reports ${c.name}`, () => {
      const got = validateJsonSchema(c.schema ?? DEPLOY, c.value);
      assert.equal(got.length, c.problems.length, got.join('\n'));
      for (const p of c.problems) assert.ok(typeof p === 'string' ? got.includes(p) : got.some((g) => p.test(g)), `${p} not in:\n${got.join('\n')}`);
    });
  }

  it('compiles each distinct schema once', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    assert.equal(argumentsValidator(schema), argumentsValidator(JSON.parse(JSON.stringify(schema))));
    assert.notEqual(argumentsValidator(schema), argumentsValidator({ ...schema, required: ['a'] }));
  });

  it('keeps two schemas with the same $id apart', () => {
    const a = { $id: 'https://example.com/args', type: 'object', properties: { x: { type: 'string' } } };
    const b = { $id: 'https://example.com/args', type: 'object', properties: { x: { type: 'number' } } };
    assert.deepEqual(validateJsonSchema(a, { x: 's' }), []);
    assert.deepEqual(validateJsonSchema(b, { x: 1 }), []);
  });

  for (const [name, schema] of [
    ['an unknown type', { type: 'object', properties: { a: { type: 'strnig' } } }],
    ['a required list that is not a list', { type: 'object', required: 'a' }],
    ['a $ref to nowhere', { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } }],
    ['an invalid regular expression', { type: 'object', properties: { a: { type: 'string', pattern: '([' } } }],
  ] as const) {
    it(`says a schema with ${name} does not compile`, () => {
      assert.throws(() => argumentsValidator(schema), /^Error: its input schema is not valid JSON Schema \(.+\)$/);
    });
  }
});
