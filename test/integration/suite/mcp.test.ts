// MCP in the real extension: a stdio server configured in tandem.mcp.servers offers its tools to the
// panel's agent; a call asks first (with the exact arguments), "always allow" is remembered, the
// call shows as a tool step, and the result reaches the model.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const REPO = path.resolve(__dirname, '../../../..');


describe('MCP servers in the panel', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'tandem.mcp.servers': {} });
    await server.close();
  });

  it('offers the server tools to the agent, asks with the arguments, and remembers "always allow"', async () => {
    const api = await tandem();
    await setSettings({
      'tandem.baseUrl': server.url,
      'tandem.chat.model': 'test-model',
      'tandem.agent.approval': 'full-auto',
      'tandem.mcp.servers': { local: { type: 'stdio', command: process.execPath, args: ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/stdioServer.ts')], cwd: REPO } },
    });
    assert.ok((await vscode.commands.getCommands(true)).includes('tandem.mcpServers'));
    await api.chat.handle({ type: 'newTask' });
    await setSettings({ 'tandem.agent.approval': 'suggest' });
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'm1', name: 'mcp__local__echo', arguments: { text: 'from vscode' } }]), chatStream('It echoed.'));
    const done = api.chat.run('Use the echo tool');
    const s = await stateWhere((x) => x.decisions.length === 1, 'an MCP approval question');
    assert.equal(s.decisions[0].kind, 'tool');
    assert.equal(s.decisions[0].subject, 'mcp__local__echo');
    assert.deepEqual(JSON.parse(s.decisions[0].detail), { text: 'from vscode' });
    await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: true, remember: true });
    await done;
    const first = server.requestsTo('/v1/chat/completions');
    assert.ok(first[0].body.tools.some((t: { function: { name: string } }) => t.function.name === 'mcp__local__echo'));
    assert.equal(first[1].body.messages.find((m: { role: string }) => m.role === 'tool').content, 'echo: from vscode');
    const step = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.name === 'mcp__local__echo');
    assert.equal(step?.kind === 'tool' && step.state, 'done');
    assert.equal((await api.mcp.status()).find((x) => x.name === 'local')?.state, 'running');

    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'm2', name: 'mcp__local__echo', arguments: { text: 'again' } }]), chatStream('Echoed again.'));
    await api.chat.run('Once more');
    assert.equal(api.chat.snapshot().decisions.length, 0);
    const last = server.requestsTo('/v1/chat/completions').pop()!;
    assert.ok(JSON.stringify(last.body.messages).includes('echo: again'), 'remembered: no question the second time');
    // Servers starting mid-turn did not cut the conversation short: the first turn's answer is kept.
    assert.ok(JSON.stringify(last.body.messages).includes('It echoed.'), 'the whole first turn is in the conversation');
  });
});

describe('MCP scanner in the guard', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'tandem.mcp.servers': {}, 'tandem.guard.mcpScanner': '' });
    await server.close();
  });

  it('shows the MCP scanner findings on the change card and asks in auto-edit', async () => {
    const api = await tandem();
    await setSettings({
      'tandem.baseUrl': server.url,
      'tandem.chat.model': 'test-model',
      'tandem.agent.approval': 'auto-edit',
      'tandem.mcp.servers': { sast: { type: 'stdio', command: process.execPath, args: ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/stdioServer.ts')], cwd: REPO } },
      'tandem.guard.mcpScanner': 'sast/scan',
    });
    await api.chat.handle({ type: 'newTask' });
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 's1', name: 'write_file', arguments: { path: 'src/auth.js', content: '// TODO_SECURITY check the session\n' } }]), chatStream('Noted.'));
    const done = api.chat.run('Add an auth stub');
    const s = await stateWhere((x) => x.changes.length === 1, 'a change held by the scanner');
    assert.deepEqual(s.changes[0].findings?.map((f) => f.ruleId), ['sast/scan:todo-security']);
    await api.chat.handle({ type: 'reject', changeId: s.changes[0].id });
    await done;
  });
});
