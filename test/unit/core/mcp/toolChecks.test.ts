// MCP tools from real stdio servers: raw JSON Schemas (2020-12, draft-07 with formats, one that does
// not compile) checked with ajv before a call leaves, and two servers whose names collide ("a.b" and
// "a_b") offered under unique names with one warning.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { McpServerDef } from '../../../../src/core/mcp/config';
import { McpManager, type EnablementStore } from '../../../../src/core/mcp/manager';
import type { AllowStore } from '../../../../src/core/mcp/mcpTool';
import type { Tool, ToolContext } from '../../../../src/core/tools/types';
import { exitsWithin } from '../../../fixtures/processes';

const repo = join(__dirname, '..', '..', '..', '..');
const stdio = (name: string, fixture: string): McpServerDef => ({ name, source: 'user settings', transport: 'stdio', command: process.execPath, args: ['--import', 'tsx', join(repo, 'test', 'fixtures', 'mcp', fixture)], cwd: repo });
const memory = (): EnablementStore & AllowStore => {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k), set: (k, v) => void (v === undefined ? m.delete(k) : m.set(k, v)) };
};

describe('MCP tool schemas and names (real servers)', function () {
  this.timeout(30_000);
  let m: McpManager;
  let warnings: string[];
  const ctx: ToolContext = { workspaceRoot: repo, approver: { request: async () => ({ approved: true }) }, applier: { apply: async () => undefined }, approvalMode: 'full-auto', allowedCommands: [], toolCallId: 't' };
  const start = (servers: McpServerDef[]) => {
    warnings = [];
    m = new McpManager({ servers, trusted: true, enablement: memory(), allow: memory(), onWarning: (w) => warnings.push(w) });
    return m.tools();
  };
  const call = (tools: Tool[], name: string, args: Record<string, unknown>) => (tools.find((t) => t.name === name) as Tool<Record<string, unknown>>).invoke(args, ctx, new AbortController().signal);
  afterEach(async () => {
    const pids = m.status().map((s) => m.connection(s.name)?.pid).filter((p): p is number => !!p);
    await m.dispose();
    for (const pid of pids) assert.equal(await exitsWithin(pid), true);
  });

  it('checks raw 2020-12 and draft-07 schemas before calling, and leaves out a tool whose schema does not compile', async () => {
    const tools = await start([stdio('schemas', 'schemaServer.ts')]);
    assert.deepEqual(tools.map((t) => t.name).sort(), ['mcp__schemas__deploy', 'mcp__schemas__fetch']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Server "schemas" offers tool "broken", but its input schema is not valid JSON Schema \(.+\); the tool is left out\. Fix the tool's inputSchema on the server\.$/);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['deploy', { env: 'staging', target: { region: 'eu' } }, /arguments\.env: must be one of "dev", "prod", got "staging"/],
      ['deploy', { env: 'dev', target: {} }, /arguments\.target\.region: is required but missing/],
      ['deploy', { env: 'dev', target: { region: 'eu', az: 1 } }, /arguments\.target\.az: is not allowed \(allowed: region\)/],
      ['deploy', { env: 'dev', target: { region: 'eu' }, steps: [{}] }, /arguments\.steps\[0\]\.name: is required but missing/],
      ['fetch', { url: 'no scheme here' }, /arguments\.url: must match format "uri"/],
    ];
    for (const [tool, args, problem] of cases) {
      const r = await call(tools, `mcp__schemas__${tool}`, args);
      assert.equal(r.isError, true, JSON.stringify(args));
      assert.match(r.output, problem);
      assert.match(r.output, /^Invalid arguments for mcp__schemas__\w+: .*Fix them to match the tool's input schema and call again\.$/);
    }
    assert.deepEqual(await call(tools, 'mcp__schemas__deploy', { env: 'dev', target: { region: 'eu' }, steps: [{ name: 'build' }] }), { output: 'deploy {"env":"dev","target":{"region":"eu"},"steps":[{"name":"build"}]}', isError: false, meta: { server: 'schemas' } });
    // An unknown format is not fatal: the call goes through.
    assert.equal((await call(tools, 'mcp__schemas__fetch', { url: 'https://example.com', rev: 'whatever' })).isError, false);
    // Listing again warns no more.
    await m.tools();
    assert.equal(warnings.length, 1);
  });

  it('gives servers "a.b" and "a_b" unique tool names and warns once', async () => {
    const tools = await start([stdio('a.b', 'stdioServer.ts'), stdio('a_b', 'stdioServer.ts')]);
    const names = tools.map((t) => t.name);
    assert.equal(new Set(names).size, names.length, names.join(', '));
    assert.ok(names.includes('mcp__a_b__echo'));
    const other = names.find((n) => /^mcp__a_b__echo_[0-9a-f]{8}$/.test(n))!;
    assert.ok(other, names.join(', '));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /^Servers "a\.b" and "a_b" give tools the same names/);
    // Each name reaches its own server.
    assert.deepEqual((await call(tools, other, { text: 'x' })).meta, { server: 'a.b' });
    assert.deepEqual((await call(tools, 'mcp__a_b__echo', { text: 'x' })).meta, { server: 'a_b' });
    await m.tools();
    assert.equal(warnings.length, 1);
  });
});
