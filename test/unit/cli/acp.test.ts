// `tandem acp` over real stdio, driven by the official SDK's client against the scripted model
// server: initialize, sessions, streamed answers, tool calls with kinds and diffs, permissions
// honoured exactly (allow once, exact "always", reject, cancelled), files through the client's
// buffers, modes, plan updates, custom commands, session/load from the task history, and bad input.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as acp from '@agentclientprotocol/sdk';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { answerText, initParams, updatesOf, useAcpChildren, withClient } from './acpKit';

const CHAT = '/v1/chat/completions';

describe('tandem acp (child process, SDK client)', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n', 'src/app.ts': 'export const x = 1;\n' }, (s, r) => ((server = s), (root = r)));
  const acpChildren = useAcpChildren();
  const start = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) => acpChildren.start(['--base-url', server.url, '--model', 'test-model', '--sandbox', 'off', '--no-mcp', ...extra], env);

  it('initializes, opens a session with modes, streams the answer and ends the turn', async () => {
    server.enqueue(CHAT, chatStream('Hello from Tandem.'));
    const c = start();
    await withClient(c, {}, async (ctx, rec) => {
      const init = await ctx.request(acp.methods.agent.initialize, initParams());
      assert.equal(init.protocolVersion, 1);
      assert.equal(init.agentCapabilities?.loadSession, true);
      assert.deepEqual(init.agentCapabilities?.promptCapabilities, { image: true, audio: false, embeddedContext: true });
      assert.deepEqual(init.agentCapabilities?.mcpCapabilities, { http: true, sse: true });
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      assert.equal(s.modes?.currentModeId, 'suggest');
      assert.deepEqual(s.modes?.availableModes.map((m) => m.id), ['suggest', 'auto-edit', 'full-auto', 'plan']);
      const r = await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'say hello' }] });
      assert.equal(r.stopReason, 'end_turn');
      assert.equal(answerText(rec), 'Hello from Tandem.');
      assert.ok(rec.updates.every((u) => u.sessionId === s.sessionId));
    });
    assert.equal(await c.exited, 0, c.stderr());
    const sent = server.requestsTo(CHAT)[0].body.messages.map((m: { content: string }) => m.content).join('\n');
    assert.match(sent, /say hello/);
  });

  it('asks before an edit with its diff; reject leaves the file, allow once applies it and logs it', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } }]),
      chatToolCallStream([{ id: 'e2', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'gamma' } }]),
      chatStream('Done.'),
    );
    const answers = ['reject', 'allow-once'];
    const c = start();
    await withClient(c, { permission: () => answers.shift()! }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      const r = await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'change alpha' }] });
      assert.equal(r.stopReason, 'end_turn');
      assert.equal(rec.permissions.length, 2);
      const p = rec.permissions[0];
      assert.deepEqual(p.options.map((o) => o.kind), ['allow_once', 'allow_always', 'reject_once']);
      assert.equal(p.toolCall.toolCallId, 'e1');
      assert.deepEqual(p.toolCall.content?.[0], { type: 'diff', path: path.join(root, 'a.txt'), oldText: 'alpha\n', newText: 'beta\n' });
      const calls = updatesOf(rec, 'tool_call');
      assert.deepEqual(calls.map((t) => [t.toolCallId, t.kind, t.title]), [['e1', 'edit', 'Edit a.txt'], ['e2', 'edit', 'Edit a.txt']]);
      assert.deepEqual(calls[0].locations, [{ path: path.join(root, 'a.txt') }]);
      const done = updatesOf(rec, 'tool_call_update').filter((u) => u.status);
      assert.deepEqual(done.map((u) => [u.toolCallId, u.status]), [['e1', 'failed'], ['e2', 'completed']]);
      assert.deepEqual(done[1].content?.[0], { type: 'diff', path: path.join(root, 'a.txt'), oldText: 'alpha\n', newText: 'gamma\n' });
    });
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'gamma\n');
    const ledger = await fs.readFile(path.join(root, '.tandem', 'ai-changes.jsonl'), 'utf8');
    assert.match(ledger, /a\.txt/);
  });

  it('"always allow" on a command adds only its exact entry: the same command runs without asking, a variant asks again', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'c1', name: 'run_command', arguments: { command: 'touch made.txt' } }]),
      chatToolCallStream([{ id: 'c2', name: 'run_command', arguments: { command: 'touch made.txt' } }]),
      chatToolCallStream([{ id: 'c3', name: 'run_command', arguments: { command: 'touch made.txt other.txt' } }]),
      chatToolCallStream([{ id: 'c4', name: 'run_command', arguments: { command: 'touch made.txt; touch evil.txt' } }]),
      chatStream('Ran.'),
    );
    const c = start();
    await withClient(c, { permission: (p) => (p.toolCall.toolCallId === 'c1' ? 'allow-always' : 'reject') }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'make files' }] });
      assert.deepEqual(rec.permissions.map((p) => p.toolCall.toolCallId), ['c1', 'c3', 'c4']);
      const first = rec.permissions[0].options;
      assert.deepEqual(first.map((o) => o.kind), ['allow_once', 'allow_always', 'allow_always', 'reject_once', 'reject_always']);
      assert.match(first[1].name, /exactly `touch made\.txt` in this session/);
      assert.match(first[2].name, /exactly `touch made\.txt` in this workspace/);
      // A list is never offered "always allow" (rejecting that exact text for good is fine).
      assert.deepEqual(rec.permissions[2].options.map((o) => o.kind), ['allow_once', 'reject_once', 'reject_always']);
      const status = Object.fromEntries(updatesOf(rec, 'tool_call_update').map((u) => [u.toolCallId, u.status]));
      assert.deepEqual(status, { c1: 'completed', c2: 'completed', c3: 'failed', c4: 'failed' });
      assert.equal(updatesOf(rec, 'tool_call').find((t) => t.toolCallId === 'c1')?.kind, 'execute');
    });
    await fs.access(path.join(root, 'made.txt'));
    await assert.rejects(fs.access(path.join(root, 'other.txt')));
    await assert.rejects(fs.access(path.join(root, 'evil.txt')));
  });

  it('shows a command\'s output while it runs, then its result', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'o1', name: 'run_command', arguments: { command: 'echo streamed-output' } }]), chatStream('ok'));
    const c = start();
    await withClient(c, {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'echo' }] });
      const updates = updatesOf(rec, 'tool_call_update').filter((u) => u.toolCallId === 'o1');
      const live = updates.find((u) => !u.status);
      assert.match((live?.content?.[0] as { content: { text: string } }).content.text, /streamed-output/);
      assert.equal(updates.at(-1)?.status, 'completed');
      assert.equal(rec.permissions.length, 0, 'a read-only command needs no question');
    });
  });

  it('a cancelled permission and an option that was not offered both leave the file as it was', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'new.txt', content: 'x' } }]),
      chatToolCallStream([{ id: 'w2', name: 'write_file', arguments: { path: 'new.txt', content: 'y' } }]),
      chatStream('ok'),
    );
    const answers = ['cancelled', 'allow-forever'];
    const c = start();
    await withClient(c, { permission: () => answers.shift()! }, async (ctx) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'write' }] });
    });
    await assert.rejects(fs.access(path.join(root, 'new.txt')));
  });

  it('reads and writes through the client when it offers fs: its unsaved buffer is seen, the edit lands in it, disk is untouched', async () => {
    const buffers = new Map([[path.join(root, 'a.txt'), 'unsaved alpha\n']]);
    const written = new Map<string, string>();
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'unsaved alpha', new_string: 'edited' } }]),
      chatStream('ok'),
    );
    const c = start(['--approval', 'auto-edit']);
    await withClient(c, { buffers, written }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams(true));
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      assert.equal(s.modes?.currentModeId, 'auto-edit');
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'edit a' }] });
      assert.equal(rec.permissions.length, 0);
    });
    const toolResult = server.requestsTo(CHAT)[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolResult.content, /unsaved alpha/);
    assert.deepEqual([...written], [[path.join(root, 'a.txt'), 'edited\n']]);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
  });

  it('never reads a secret file through the client ahead of its approval', async () => {
    await fs.writeFile(path.join(root, '.env'), 'TOKEN=disk\n');
    const reads: string[] = [];
    const buffers = new Map<string, string>();
    const proxy = new Proxy(buffers, { get: (t, k) => (k === 'get' ? (p: string) => (reads.push(p), t.get(p)) : Reflect.get(t, k).bind(t)) });
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: '.env' } }]), chatStream('ok'));
    const c = start();
    await withClient(c, { buffers: proxy, permission: () => 'reject' }, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams(true));
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'read env' }] });
      assert.equal(rec.permissions[0]?.toolCall.kind, 'read');
    });
    assert.deepEqual(reads, []);
    assert.doesNotMatch(JSON.stringify(server.requestsTo(CHAT)[1].body), /TOKEN=disk/);
  });

  it('plan mode (set_mode) sends only read-only tools and streams update_plan as a plan; an unknown mode is an error', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan: [{ step: 'Read a.txt', status: 'done' }, { step: 'Change it', status: 'pending' }] } }]), chatStream('The plan.'));
    const c = start();
    await withClient(c, {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await assert.rejects(ctx.request(acp.methods.agent.session.setMode, { sessionId: s.sessionId, modeId: 'yolo' }), /Unknown mode "yolo"/);
      await ctx.request(acp.methods.agent.session.setMode, { sessionId: s.sessionId, modeId: 'plan' });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'plan it' }] });
      assert.deepEqual(updatesOf(rec, 'plan').at(-1)?.entries, [
        { content: 'Read a.txt', priority: 'medium', status: 'completed' },
        { content: 'Change it', priority: 'medium', status: 'pending' },
      ]);
    });
    const tools = server.requestsTo(CHAT)[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.ok(tools.includes('read_file'));
    assert.ok(!tools.includes('edit_file') && !tools.includes('run_command'));
  });

  it('streams the model\'s reasoning (reasoning_content, or reasoning) as agent_thought_chunk, apart from the answer', async () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'test-model', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
    server.enqueue(CHAT, { kind: 'stream', events: [chunk({ role: 'assistant', content: '' }), chunk({ reasoning_content: 'Think ' }), chunk({ reasoning: 'twice.' }), chunk({ content: 'Answer.' }), chunk({}, 'stop')] });
    const c = start();
    await withClient(c, {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'think' }] });
      assert.equal(answerText(rec), 'Answer.');
      assert.equal(updatesOf(rec, 'agent_thought_chunk').map((t) => (t.content as { text: string }).text).join(''), 'Think twice.');
    });
  });

  it('a model-server failure is an error response that says what to check; the agent stays up for the next prompt', async () => {
    server.enqueue(CHAT, httpError(404, 'model not found'), chatStream('back'));
    const c = start(['--retry-timeout', '0']);
    await withClient(c, {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await assert.rejects(ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'hi' }] }), /model "test-model" was not found/);
      const r = await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'again' }] });
      assert.equal(r.stopReason, 'end_turn');
      assert.equal(answerText(rec), 'back');
    });
  });
});
