// MCP from `tandem exec`: a workspace's stdio server starts only once enabled, its tool call
// round-trips through the agent loop (scripted model → MCP server → tool result → model), and many
// calls in one turn leave no listener-leak warning on stderr.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { tempWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const REPO = path.resolve(__dirname, '../../..');
const CHAT = '/v1/chat/completions';

describe('tandem exec with MCP servers', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  let config: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    const mcpJson = { servers: { local: { type: 'stdio', command: process.execPath, args: ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/stdioServer.ts')], cwd: REPO } } };
    root = await tempWorkspace({ '.vscode/mcp.json': JSON.stringify(mcpJson) });
    config = await fs.mkdtemp(path.join(root, '..', 'xdg-'));
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(config, { recursive: true, force: true });
  });
  const exec = (args: string[], node: string[] = []) =>
    runTandem(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, '--approval', 'full-auto', ...args], {
      XDG_CONFIG_HOME: config,
      TANDEM_CODEX_CONFIG: path.join(config, 'none.toml'),
    }, undefined, node);

  it('does not start a workspace server that was not enabled, and says how to enable it', async () => {
    server.enqueue(CHAT, chatStream('No tools needed.'));
    const r = await exec(['hello']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /server "local" was not started; allow it with --enable-mcp local/);
    const tools = (server.requestsTo(CHAT)[0].body.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    assert.ok(!tools.some((n: string) => n.startsWith('mcp__')));
  });

  it('round-trips an MCP tool call through the agent loop once enabled, and remembers the enablement', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'm1', name: 'mcp__local__add', arguments: { a: 20, b: 22 } }]), chatStream('The sum is 42.'));
    const r = await exec(['--enable-mcp', 'local', 'add 20 and 22']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /The sum is 42\./);
    const [first, second] = server.requestsTo(CHAT);
    const add = first.body.tools.find((t: { function: { name: string } }) => t.function.name === 'mcp__local__add');
    assert.deepEqual(add.function.parameters.required, ['a', 'b']);
    const result = second.body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.equal(result.content, '42');
    const stored = JSON.parse(await fs.readFile(path.join(config, 'tandem', 'mcp.json'), 'utf8'));
    assert.ok(stored[await fs.realpath(root)].local, 'the enablement was remembered');
    // Remembered: the next run starts it without the flag.
    server.enqueue(CHAT, chatStream('Still here.'));
    const again = await exec(['hello again']);
    assert.doesNotMatch(again.stderr, /was not started/);
    assert.ok(server.requestsTo(CHAT)[2].body.tools.some((t: { function: { name: string } }) => t.function.name === 'mcp__local__echo'));
  });

  it('offers two servers whose names collide ("a.b", "a_b") under unique tool names, with one warning on stderr', async () => {
    const def = { type: 'stdio', command: process.execPath, args: ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/stdioServer.ts')], cwd: REPO };
    await fs.writeFile(path.join(root, '.vscode', 'mcp.json'), JSON.stringify({ servers: { 'a.b': def, a_b: def } }));
    server.enqueue(CHAT, chatStream('Both listed.'));
    const r = await exec(['--enable-mcp', 'a.b', '--enable-mcp', 'a_b', 'list']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.match(/give tools the same names/g)?.length, 1, r.stderr);
    assert.match(r.stderr, /^MCP: Servers "a\.b" and "a_b" give tools the same names/m);
    const names: string[] = server.requestsTo(CHAT)[0].body.tools.map((t: { function: { name: string } }) => t.function.name).filter((n: string) => n.startsWith('mcp__'));
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.includes('mcp__a_b__echo') && names.some((n) => /^mcp__a_b__echo_[0-9a-f]{8}$/.test(n)), names.join(', '));
  });

  for (const [shape, steps, perStep] of [
    ['20 calls in one model reply', 1, 20],
    ['20 calls over 10 model replies', 10, 2],
  ] as const) {
    it(`leaves no MaxListenersExceededWarning on stderr after ${shape}`, async () => {
      for (let s = 0; s < steps; s++) {
        server.enqueue(CHAT, chatToolCallStream(Array.from({ length: perStep }, (_, i) => ({ id: `m${s}_${i}`, name: 'mcp__local__echo', arguments: { text: `call ${s}.${i}` } }))));
      }
      server.enqueue(CHAT, chatStream('Echoed them all.'));
      const r = await exec(['--enable-mcp', 'local', 'echo twenty times'], ['--trace-warnings']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Echoed them all\./);
      const results = server.requestsTo(CHAT).at(-1)!.body.messages.filter((m: { role: string }) => m.role === 'tool');
      assert.equal(results.length, 20);
      assert.ok(results.every((m: { content: string }) => /^echo: call /.test(m.content)));
      assert.doesNotMatch(r.stderr, /MaxListenersExceededWarning|memory leak/);
    });
  }
});
