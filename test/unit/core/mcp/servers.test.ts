// MCP tools against real servers built with the SDK: a stdio child, Streamable HTTP, and an old
// SSE-only server; crashes, hangs, huge results, changing tool lists, approval and trust rules.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { McpServerDef } from '../../../../src/core/mcp/config';
import { McpManager, type EnablementStore } from '../../../../src/core/mcp/manager';
import { MAX_RESULT_CHARS, mcpToolName, type AllowStore } from '../../../../src/core/mcp/mcpTool';
import type { ApprovalDecision, ApprovalRequest } from '../../../../src/core/changes/approval';
import type { Tool, ToolContext } from '../../../../src/core/tools/types';
import { startSseServer, startStreamableServer, type RunningHttpServer } from '../../../fixtures/mcp/httpServers';
import { exitsWithin } from '../../../fixtures/processes';

const repo = join(__dirname, '..', '..', '..', '..');
const stdioDef = (name = 'local', source: McpServerDef['source'] = 'user settings'): McpServerDef => ({
  name,
  source,
  transport: 'stdio',
  command: process.execPath,
  args: ['--import', 'tsx', join(repo, 'test', 'fixtures', 'mcp', 'stdioServer.ts')],
  cwd: repo,
});

function memoryStore(): EnablementStore & AllowStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, v) => (v === undefined ? map.delete(k) : map.set(k, v)) };
}

describe('MCP servers', function () {
  this.timeout(30_000);
  let managers: McpManager[];
  let asked: ApprovalRequest[];
  let answer: ApprovalDecision;
  let ctx: ToolContext;

  const manager = (servers: McpServerDef[], o: { trusted?: boolean; enablement?: EnablementStore; allow?: AllowStore; callTimeoutMs?: number } = {}) => {
    const m = new McpManager({ servers, trusted: o.trusted ?? true, enablement: o.enablement ?? memoryStore(), allow: o.allow ?? memoryStore(), callTimeoutMs: o.callTimeoutMs });
    managers.push(m);
    return m;
  };
  const find = (tools: Tool[], name: string) => {
    const t = tools.find((x) => x.name === name);
    if (!t) throw new Error(`no tool ${name} in ${tools.map((x) => x.name).join(', ')}`);
    return t as Tool<Record<string, unknown>>;
  };
  const call = (t: Tool<Record<string, unknown>>, args: Record<string, unknown> = {}, signal = new AbortController().signal) => t.invoke(args, ctx, signal);

  beforeEach(() => {
    managers = [];
    asked = [];
    answer = { approved: true };
    ctx = { workspaceRoot: repo, approver: { request: async (r) => (asked.push(r), answer) }, applier: { apply: async () => undefined }, approvalMode: 'full-auto', allowedCommands: [], toolCallId: 't' };
  });
  afterEach(async () => {
    const pids = managers.flatMap((m) => m.status().map((s) => m.connection(s.name)?.pid)).filter((p): p is number => !!p);
    await Promise.all(managers.map((m) => m.dispose()));
    for (const pid of pids) assert.equal(await exitsWithin(pid), true, `MCP child ${pid} outlived the test`);
  });

  it('lists and calls the tools of a stdio server as mcp__<server>__<tool>, with its JSON Schema', async () => {
    const m = manager([stdioDef()]);
    const tools = await m.tools();
    const echo = find(tools, 'mcp__local__echo');
    assert.deepEqual((echo.inputJsonSchema as { required?: string[] }).required, ['text']);
    assert.deepEqual(await call(echo, { text: 'hi' }), { output: 'echo: hi', isError: false, meta: { server: 'local' } });
    assert.equal(m.status()[0].state, 'running');
  });

  it('rejects arguments that do not fit the server schema before calling', async () => {
    const add = find(await manager([stdioDef()]).tools(), 'mcp__local__add');
    const r = await call(add, { a: 'one' });
    assert.equal(r.isError, true);
    assert.match(r.output, /arguments\.a: must be number, got string/);
    assert.match(r.output, /arguments\.b: is required but missing/);
  });

  it('round-trips through Streamable HTTP with the configured headers, and falls back to SSE for old servers', async () => {
    const servers: RunningHttpServer[] = [await startStreamableServer(), await startSseServer()];
    try {
      const m = manager([
        { name: 'remote', source: 'user settings', transport: 'http', url: servers[0].url, headers: { 'x-team': 'blue' } },
        { name: 'old', source: 'user settings', transport: 'http', url: servers[1].url },
      ]);
      const tools = await m.tools();
      assert.equal((await call(find(tools, 'mcp__remote__add'), { a: 2, b: 3 })).output, '5');
      assert.equal(servers[0].headers[0]['x-team'], 'blue');
      assert.equal((await call(find(tools, 'mcp__old__echo'), { text: 'legacy' })).output, 'echo: legacy');
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it('turns a crash mid-call into an error result, then restarts the server on a later call', async () => {
    const m = manager([stdioDef()]);
    const tools = await m.tools();
    const firstPid = m.connection('local')!.pid!;
    const r = await call(find(tools, 'mcp__local__crash'));
    assert.equal(r.isError, true);
    assert.match(r.output, /stopped during crash|closed/);
    assert.equal(m.status()[0].state, 'error');
    assert.equal(await exitsWithin(firstPid), true);
    // The backoff has passed once the connection may retry; force it for the test.
    (m.connection('local') as unknown as { retryAt: number }).retryAt = 0;
    assert.equal((await call(find(tools, 'mcp__local__echo'), { text: 'back' })).output, 'echo: back');
    assert.notEqual(m.connection('local')!.pid, firstPid);
  });

  it('times out a call to a hanging tool with a clear error', async () => {
    const tools = await manager([stdioDef()], { callTimeoutMs: 300 }).tools();
    const r = await call(find(tools, 'mcp__local__hang'));
    assert.equal(r.isError, true);
    assert.match(r.output, /did not answer hang within 300 ms/);
  });

  it('caps a 5 MB result, describes images, and passes on tool errors', async () => {
    const tools = await manager([stdioDef()]).tools();
    const big = await call(find(tools, 'mcp__local__big'));
    assert.ok(big.output.length < MAX_RESULT_CHARS + 200);
    assert.match(big.output, /characters omitted/);
    assert.equal((await call(find(tools, 'mcp__local__picture'))).output, 'a red dot:\n[image: image/png, 7 bytes omitted]');
    const fails = await call(find(tools, 'mcp__local__fails'));
    assert.deepEqual([fails.isError, fails.output], [true, 'database is locked']);
  });

  it('re-lists tools on list_changed and drops "always allow" of a changed tool', async () => {
    const allow = memoryStore();
    const m = manager([stdioDef()], { allow });
    let tools = await m.tools();
    allow.set(mcpToolName('local', 'add'), 'hash-of-an-older-definition');
    const changed = new Promise<void>((resolve) => m.connection('local')!.once('toolsChanged', () => resolve()));
    await call(find(tools, 'mcp__local__grow'));
    await changed;
    tools = await m.tools();
    assert.ok(tools.some((t) => t.name === 'mcp__local__shout'));
    assert.equal(allow.get('mcp__local__add'), undefined, 'a stale "always allow" was dropped');
  });

  it('asks before every MCP call in suggest and auto-edit, even for read-only tools, and remembers "always allow"', async () => {
    const allow = memoryStore();
    const add = find(await manager([stdioDef()], { allow }).tools(), 'mcp__local__add');
    for (const mode of ['suggest', 'auto-edit'] as const) {
      ctx.approvalMode = mode;
      answer = { approved: false, reason: 'no' };
      assert.match((await call(add, { a: 1, b: 2 })).output, /did not allow/);
    }
    assert.equal(asked.length, 2);
    assert.deepEqual(asked[0].type === 'tool' && asked[0].args, { a: 1, b: 2 });
    answer = { approved: true, remember: true };
    assert.equal((await call(add, { a: 1, b: 2 })).output, '3');
    assert.equal((await call(add, { a: 2, b: 2 })).output, '4');
    assert.equal(asked.length, 3, 'remembered: the fourth call did not ask');
    ctx.approvalMode = 'full-auto';
    allow.map.clear();
    assert.equal((await call(add, { a: 5, b: 5 })).output, '10');
    assert.equal(asked.length, 3, 'full-auto runs without asking');
  });

  it('asks even in full-auto when the arguments name a secret or protected path', async () => {
    const echo = find(await manager([stdioDef()]).tools(), 'mcp__local__echo');
    answer = { approved: false, reason: 'no' };
    for (const text of ['.env', `${repo}/config/.env.local`, 'certs/../server.KEY', 'AGENTS.md', '.github/workflows/ci.yml', '/home/someone/.ssh/id_rsa']) {
      assert.match((await call(echo, { text })).output, /did not allow/, text);
    }
    assert.equal(asked.length, 6);
    assert.match((asked[0] as { reason: string }).reason, /\.env/);
    assert.equal((await call(echo, { text: 'src/app.ts' })).output, 'echo: src/app.ts');
    assert.equal(asked.length, 6, 'an ordinary path runs in full-auto without a question');
  });

  it('starts a workspace-defined server only when trusted and enabled for its exact definition', async () => {
    const enablement = memoryStore();
    const def = stdioDef('ws', '.vscode/mcp.json');
    assert.deepEqual(await manager([def], { trusted: false, enablement }).tools(), []);
    const m = manager([def], { trusted: true, enablement });
    assert.deepEqual(await m.tools(), []);
    assert.equal(m.status()[0].state, 'needs enabling');
    await m.setEnabled('ws', true);
    assert.ok((await m.tools()).length > 0);
    const changed = manager([{ ...def, args: [...def.args!, '--changed'] }], { trusted: true, enablement });
    assert.deepEqual(await changed.tools(), [], 'a changed definition must be enabled again');
    assert.equal(changed.status()[0].state, 'needs enabling');
  });

  it('reports a server that cannot start and keeps the others working', async () => {
    const m = manager([{ name: 'broken', source: 'user settings', transport: 'stdio', command: '/nonexistent/mcp-server' }, stdioDef()]);
    const tools = await m.tools();
    assert.ok(tools.some((t) => t.name === 'mcp__local__echo'));
    const broken = m.status().find((s) => s.name === 'broken')!;
    assert.equal(broken.state, 'error');
    assert.match(broken.reason ?? '', /could not start/);
  });
});
