// The ACP client's "always" answers (allow_always / reject_always), over real stdio with the SDK's
// client: "always allow edits" switches the session to auto-edit (the client is told) and later
// edits apply without a question — but a protected file still asks; "always allow in this
// workspace" keeps the exact command entry in the user's config for the next session, never a
// variant of it and never for another workspace; "always reject" refuses that exact command for the
// rest of the session without asking, and only it. A workspace file cannot plant allowed commands.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as acp from '@agentclientprotocol/sdk';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { initParams, updatesOf, useAcpChildren, withClient } from './acpKit';

const CHAT = '/v1/chat/completions';

describe('tandem acp: "always" answers', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n', 'b.txt': 'beta\n' }, (s, r) => ((server = s), (root = r)));
  const acpChildren = useAcpChildren();
  const start = () => acpChildren.start(['--base-url', server.url, '--model', 'test-model', '--sandbox', 'off', '--no-mcp']);
  const prompt = async (ctx: Parameters<Parameters<typeof withClient>[2]>[0], sessionId: string, text: string) => ctx.request(acp.methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text }] });

  it('"always allow edits" switches the session to auto-edit; later edits apply unasked, a protected file still asks', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'ALPHA' } }]),
      chatToolCallStream([{ id: 'e2', name: 'edit_file', arguments: { path: 'b.txt', old_string: 'beta', new_string: 'BETA' } }]),
      chatToolCallStream([{ id: 'e3', name: 'write_file', arguments: { path: '.vscode/tasks.json', content: '{}' } }]),
      chatStream('Done.'),
      chatToolCallStream([{ id: 'e4', name: 'write_file', arguments: { path: 'c.txt', content: 'gamma\n' } }]),
      chatStream('Done again.'),
    );
    await withClient(start(), { permission: (p) => (p.toolCall.toolCallId === 'e1' ? 'allow-always' : 'reject') }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await prompt(ctx, s.sessionId, 'shout');
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['e1', 'e3']);
      assert.match(rec.permissions[0].options.find((o) => o.kind === 'allow_always')!.name, /Always allow edits in this session/);
      // A protected file is never offered "always".
      assert.deepEqual(rec.permissions[1].options.map((o) => o.kind), ['allow_once', 'reject_once']);
      assert.deepEqual(updatesOf(rec, 'current_mode_update').map((u) => u.currentModeId), ['auto-edit']);
      await prompt(ctx, s.sessionId, 'one more');
      assert.equal(rec.permissions.length, 2, 'the next turn runs in auto-edit');
    });
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'ALPHA\n');
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'BETA\n');
    assert.equal(await fs.readFile(path.join(root, 'c.txt'), 'utf8'), 'gamma\n');
    await assert.rejects(fs.access(path.join(root, '.vscode', 'tasks.json')));
  });

  it('after "always allow edits", an edit with a high guard finding still asks (and is never offered "always")', async () => {
    const sqli = 'module.exports = (db, id) => db.query("SELECT * FROM users WHERE id = " + id);\n';
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'ALPHA' } }]),
      chatToolCallStream([{ id: 'e2', name: 'write_file', arguments: { path: 'db.js', content: sqli } }]),
      chatStream('Done.'),
    );
    await withClient(start(), { permission: (p) => (p.toolCall.toolCallId === 'e1' ? 'allow-always' : 'reject') }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await prompt(ctx, s.sessionId, 'add a lookup');
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['e1', 'e2']);
      assert.deepEqual(rec.permissions[1].options.map((o) => o.kind), ['allow_once', 'reject_once']);
      assert.match(JSON.stringify(rec.permissions[1].toolCall.content), /\[guard\] HIGH db\.js:1 sql-injection/);
    });
    await assert.rejects(fs.access(path.join(root, 'db.js')));
  });

  it('"always allow in this workspace" keeps the exact command for the next session (and only there); "always reject" refuses that exact command unasked', async () => {
    const touch = (id: string, command: string) => chatToolCallStream([{ id, name: 'run_command', arguments: { command } }]);
    server.enqueue(CHAT, touch('c1', 'touch one.txt'), touch('c2', 'touch two.txt'), touch('c3', 'touch two.txt'), touch('c4', 'touch three.txt'), chatStream('ok'));
    await withClient(start(), { permission: (p) => ({ c1: 'allow-always-workspace', c2: 'reject-always' })[p.toolCall.toolCallId] ?? 'reject' }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await prompt(ctx, s.sessionId, 'touch');
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['c1', 'c2', 'c4']);
      const status = Object.fromEntries(updatesOf(rec, 'tool_call_update').filter((u) => u.status).map((u) => [u.toolCallId, u.status]));
      assert.deepEqual(status, { c1: 'completed', c2: 'failed', c3: 'failed', c4: 'failed' });
    });
    await fs.access(path.join(root, 'one.txt'));
    await assert.rejects(fs.access(path.join(root, 'two.txt')));
    const kept = JSON.parse(await fs.readFile(path.join(acpChildren.homes().XDG_CONFIG_HOME!, 'tandem', 'acp-allowed-commands.json'), 'utf8'));
    assert.deepEqual(kept, { [root]: ['=touch one.txt'] });
    assert.equal((await fs.stat(path.join(acpChildren.homes().XDG_CONFIG_HOME!, 'tandem', 'acp-allowed-commands.json'))).mode & 0o077, 0);
    await fs.rm(path.join(root, 'one.txt'));
    // A new session (a new process): the exact command runs unasked, a variant still asks.
    server.enqueue(CHAT, touch('d1', 'touch one.txt'), touch('d2', 'touch one.txt two.txt'), touch('d3', 'touch one.txt && touch two.txt'), chatStream('ok'));
    await withClient(start(), {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await prompt(ctx, s.sessionId, 'touch again');
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['d2', 'd3']);
    });
    await fs.access(path.join(root, 'one.txt'));
    await assert.rejects(fs.access(path.join(root, 'two.txt')));
  });

  it('remembers nothing for another workspace, and ignores entries that are not exact or come from the workspace', async () => {
    const other = await fs.realpath(await fs.mkdtemp(path.join(root, '..', 'other-')));
    try {
      await fs.mkdir(path.join(acpChildren.homes().XDG_CONFIG_HOME!, 'tandem'), { recursive: true });
      await fs.writeFile(path.join(acpChildren.homes().XDG_CONFIG_HOME!, 'tandem', 'acp-allowed-commands.json'), JSON.stringify({ [root]: ['=touch one.txt', 'touch', '*', '=', 42] }));
      // A planted file in the workspace means nothing.
      await fs.mkdir(path.join(other, '.tandem'), { recursive: true });
      await fs.writeFile(path.join(other, '.tandem', 'acp-allowed-commands.json'), JSON.stringify({ [other]: ['=touch one.txt'] }));
      server.enqueue(CHAT, chatToolCallStream([{ id: 'o1', name: 'run_command', arguments: { command: 'touch one.txt' } }]), chatStream('ok'));
      await withClient(start(), {}, async (ctx, rec) => {
        await ctx.request(acp.methods.agent.initialize, initParams());
        const s = await ctx.request(acp.methods.agent.session.new, { cwd: other, mcpServers: [] });
        await prompt(ctx, s.sessionId, 'touch');
        assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['o1']);
      });
      server.enqueue(CHAT, chatToolCallStream([{ id: 'r1', name: 'run_command', arguments: { command: 'touch two.txt' } }]), chatStream('ok'));
      await withClient(start(), {}, async (ctx, rec) => {
        await ctx.request(acp.methods.agent.initialize, initParams());
        const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
        await prompt(ctx, s.sessionId, 'touch');
        assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['r1'], 'only the exact entry counts');
      });
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});
