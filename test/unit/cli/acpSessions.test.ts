// `tandem acp`, continued: bad input on the wire (malformed lines, unknown methods, bad params),
// session/load from the task history in a new process, custom commands announced and run, prompts
// with resource links and embedded resources, and cancelling a running prompt.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as acp from '@agentclientprotocol/sdk';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { answerText, initParams, updatesOf, useAcpChildren, waitForUpdate, withClient, type AcpChild } from './acpKit';

const CHAT = '/v1/chat/completions';

/** Writes raw lines to the agent and resolves with the JSON responses, one per line written. */
function rawExchange(c: AcpChild, lines: string[], expected: number): Promise<Array<{ id: unknown; error?: { code: number; message: string }; result?: unknown }>> {
  return new Promise((resolve) => {
    let buf = '';
    const got: Array<{ id: unknown; error?: { code: number; message: string }; result?: unknown }> = [];
    c.child.stdout.on('data', (b) => {
      buf += b;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) got.push(JSON.parse(line));
        if (got.length === expected) resolve(got);
      }
    });
    for (const l of lines) c.child.stdin.write(`${l}\n`);
  });
}

describe('tandem acp: bad input, load, commands, resources, cancel', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n', 'src/app.ts': 'export const x = 1;\n', '.env': 'TOKEN=1\n' }, (s, r) => ((server = s), (root = r)));
  const acpChildren = useAcpChildren();
  const start = (extra: string[] = []) => acpChildren.start(['--base-url', server.url, '--model', 'test-model', '--sandbox', 'off', '--no-mcp', ...extra]);

  it('answers malformed JSON, an unknown method, a request before initialize and bad params with JSON-RPC errors, and keeps serving', async () => {
    const c = start();
    const first = await rawExchange(
      c,
      [
        '{"jsonrpc":"2.0","id":1,"method":"initialize",', // cut off
        '{"jsonrpc":"2.0","id":2,"method":"session/new","params":{"cwd":"/","mcpServers":[]}}',
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'initialize', params: initParams() }),
      ],
      3,
    );
    const replies = [
      ...first,
      ...(await rawExchange(
        c,
        [
        '{"jsonrpc":"2.0","id":4,"method":"session/explode","params":{}}',
        '{"jsonrpc":"2.0","id":5,"method":"session/new","params":{"cwd":42}}',
        '{"jsonrpc":"2.0","id":6,"method":"session/prompt","params":{"sessionId":"nope","prompt":[]}}',
        ],
        3,
      )),
    ];
    // Replies may come in any order: each is matched by its id (a line that did not parse has none).
    const byId = (id: unknown) => replies.find((r) => r.id === id);
    assert.equal(byId(null)?.error?.code, -32700);
    assert.equal(byId(2)?.error?.code, -32600, 'requests before initialize are refused');
    assert.ok(byId(3)?.result, 'initialize answered');
    assert.equal(byId(4)?.error?.code, -32601);
    assert.equal(byId(5)?.error?.code, -32602);
    assert.ok(byId(6)?.error, 'an unknown session is an error');
    assert.equal(c.child.exitCode, null, 'still running');
    c.child.stdin.end();
    assert.equal(await c.exited, 0);
  });

  it('refuses a relative or missing cwd with a sentence', async () => {
    const c = start();
    await withClient(c, {}, async (ctx) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      await assert.rejects(ctx.request(acp.methods.agent.session.new, { cwd: 'relative/dir', mcpServers: [] }), /absolute path/);
      await assert.rejects(ctx.request(acp.methods.agent.session.new, { cwd: path.join(root, 'missing'), mcpServers: [] }), /not a folder that exists/);
    });
  });

  it('session/load in a new process replays the conversation and continues it', async () => {
    server.enqueue(CHAT, chatStream('First answer.'), chatStream('Second answer.'));
    let id = '';
    await withClient(start(), {}, async (ctx) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      id = (await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] })).sessionId;
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: id, prompt: [{ type: 'text', text: 'first question' }] });
    });
    await withClient(start(), {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      await assert.rejects(ctx.request(acp.methods.agent.session.load, { sessionId: 'task-unknown', cwd: root, mcpServers: [] }), /cannot be loaded/);
      const loaded = await ctx.request(acp.methods.agent.session.load, { sessionId: id, cwd: root, mcpServers: [] });
      assert.equal(loaded.modes?.currentModeId, 'suggest');
      const replayed = rec.updates.filter((u) => u.sessionId === id).map((u) => u.update);
      assert.deepEqual(replayed.slice(0, 2).map((u) => [u.sessionUpdate, (u as { content: { text: string } }).content.text]), [
        ['user_message_chunk', 'first question'],
        ['agent_message_chunk', 'First answer.'],
      ]);
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: id, prompt: [{ type: 'text', text: 'second question' }] });
    });
    const second = JSON.stringify(server.requestsTo(CHAT)[1].body.messages);
    assert.match(second, /first question/);
    assert.match(second, /First answer\./);
    assert.match(second, /second question/);
  });

  it('announces custom commands and runs /name args with $ARGUMENTS and @file attached; an unknown /name lists the commands', async () => {
    await fs.mkdir(path.join(root, '.tandem', 'commands'), { recursive: true });
    await fs.writeFile(path.join(root, '.tandem/commands/review.md'), '---\ndescription: Review a file\nmode: plan\n---\nReview @$1 for $2.');
    await fs.mkdir(path.join(root, '.github', 'prompts'), { recursive: true });
    await fs.writeFile(path.join(root, '.github/prompts/explain.prompt.md'), '---\ndescription: Explain code\n---\nExplain it.');
    server.enqueue(CHAT, chatStream('Reviewed.'));
    await withClient(start(), {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await waitForUpdate(rec, 'available_commands_update');
      const announced = updatesOf(rec, 'available_commands_update')[0].availableCommands;
      assert.deepEqual(announced.map((a) => [a.name, a.description]).filter(([n]) => n !== 'plan' && n !== 'act'), [['explain', 'Explain code'], ['review', 'Review a file']]);
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: '/review src/app.ts "naming issues"' }] });
      assert.equal(answerText(rec), 'Reviewed.');
      const r = await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: '/revieww x' }] });
      assert.equal(r.stopReason, 'end_turn');
      assert.match(answerText(rec), /Unknown command \/revieww\. Commands: \/explain, \/review\./);
    });
    assert.equal(server.requestsTo(CHAT).length, 1, 'the unknown command never reached the model');
    const body = server.requestsTo(CHAT)[0].body;
    const user = body.messages.filter((m: { role: string }) => m.role === 'user').at(-1).content as string;
    assert.match(user, /<attachment kind="file" source="src\/app.ts">\nexport const x = 1;/);
    assert.match(user, /Review @src\/app\.ts for naming issues\./);
    assert.match(user, /\[Plan mode\]/, 'the command\'s mode: plan');
    assert.ok(!body.tools.some((t: { function: { name: string } }) => t.function.name === 'edit_file'));
  });

  it('attaches resource links inside the workspace and embedded resources; refuses secrets and files outside', async () => {
    server.enqueue(CHAT, chatStream('ok'));
    await withClient(start(), {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, {
        sessionId: s.sessionId,
        prompt: [
          { type: 'text', text: 'look at these' },
          { type: 'resource_link', uri: pathToFileURL(path.join(root, 'a.txt')).href, name: 'a.txt' },
          { type: 'resource', resource: { uri: pathToFileURL(path.join(root, 'src/app.ts')).href, text: 'export const x = 2; // unsaved' } },
          { type: 'resource_link', uri: pathToFileURL(path.join(root, '.env')).href, name: '.env' },
          { type: 'resource_link', uri: 'file:///etc/passwd', name: 'passwd' },
        ],
      });
      const thoughts = updatesOf(rec, 'agent_thought_chunk').map((t) => (t.content as { text: string }).text).join('');
      assert.match(thoughts, /\.env was not attached/);
      assert.match(thoughts, /passwd was not attached: only files inside the workspace/);
    });
    const sent = JSON.stringify(server.requestsTo(CHAT)[0].body.messages);
    assert.match(sent, /source=\\"a.txt\\">\\nalpha/);
    assert.match(sent, /export const x = 2; \/\/ unsaved/);
    assert.doesNotMatch(sent, /TOKEN=1|root:x:0/);
  });

  it('starts the MCP servers the client passes; an MCP tool asks, and "always" is remembered for that tool only', async () => {
    const REPO = path.resolve(__dirname, '../../..');
    const local: acp.McpServer = { name: 'local', command: process.execPath, args: ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/stdioServer.ts')], env: [] };
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'm1', name: 'mcp__local__add', arguments: { a: 20, b: 22 } }]),
      chatToolCallStream([{ id: 'm2', name: 'mcp__local__add', arguments: { a: 1, b: 2 } }]),
      chatToolCallStream([{ id: 'm3', name: 'mcp__local__echo', arguments: { text: 'hi' } }]),
      chatStream('Sums done.'),
    );
    await withClient(start(), { permission: (p) => (p.toolCall.toolCallId === 'm1' ? 'allow-always' : 'reject') }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [local] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'add' }] });
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['m1', 'm3']);
      assert.deepEqual(rec.permissions[0].options.map((o) => o.kind), ['allow_once', 'allow_always', 'reject_once', 'reject_always']);
    });
    const tools = server.requestsTo(CHAT)[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.ok(tools.includes('mcp__local__add'));
    const results = server.requestsTo(CHAT)[3].body.messages.filter((m: { role: string }) => m.role === 'tool').map((m: { content: string }) => m.content);
    assert.equal(results[0], '42');
    assert.equal(results[1], '3');
    assert.match(results[2], /did not allow|rejected|denied/i);
  });

  it('session/cancel stops a running prompt: the turn ends with stopReason cancelled and the model request is dropped', async () => {
    let release: () => void = () => {};
    const open = new Promise<void>((r) => (release = r));
    server.enqueue(CHAT, { ...chatStream('partial answer that never ends', { size: 8 }), gate: { after: 2, open } } as never);
    try {
      await withClient(start(), {}, async (ctx, rec) => {
        await ctx.request(acp.methods.agent.initialize, initParams());
        const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
        const pending = ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'go' }] });
        await waitForUpdate(rec, 'agent_message_chunk');
        await ctx.notify(acp.methods.agent.session.cancel, { sessionId: s.sessionId });
        assert.equal((await pending).stopReason, 'cancelled');
      });
      await server.waitForDisconnect(server.requestsTo(CHAT)[0]);
    } finally {
      release();
    }
  });
});
