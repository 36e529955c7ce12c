// Hooks and text tool calls from the panel in a real VS Code: the user's hooks.json blocks a write
// and the panel shows the hook's line in that step; a server that refuses tools gets them as text,
// with one notice, and the call the model writes runs as a step.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, tandem } from './helpers';

const CHAT = '/v1/chat/completions';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

describe('hooks and text tool calls in the panel', () => {
  let server: ModelServer;
  let config: string;
  const before = process.env.XDG_CONFIG_HOME;
  beforeEach(async () => {
    server = await ModelServer.start();
    // The extension host reads the user's hooks from $XDG_CONFIG_HOME when it builds the agent.
    config = mkdtempSync(path.join(tmpdir(), 'tandem-hooks-int-'));
    process.env.XDG_CONFIG_HOME = config;
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'full-auto' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  afterEach(async () => {
    if (before === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = before;
    await setSettings({ 'tandem.agent.approval': 'suggest' });
    await server.close();
    rmSync(config, { recursive: true, force: true });
    rmSync(path.join(root(), 'hooked.txt'), { force: true });
  });

  it("blocks a write with the user's PreToolUse hook and shows the hook in the step", async () => {
    mkdirSync(path.join(config, 'tandem'), { recursive: true });
    writeFileSync(path.join(config, 'tandem', 'hooks.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'echo "no writes today" >&2; exit 2' }] }] } }));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'h1', name: 'write_file', arguments: { path: 'hooked.txt', content: 'x' } }]), chatStream('The hook said no.'));
    const api = await tandem();
    await api.chat.run('write hooked.txt');
    assert.equal(existsSync(path.join(root(), 'hooked.txt')), false);
    const step = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.id === 'h1');
    assert.ok(step?.kind === 'tool');
    assert.equal(step.state, 'failed');
    assert.deepEqual(step.hooks?.map((h) => h.level), ['error']);
    assert.match(step.hooks![0].text, /PreToolUse hook \(user\) blocked: .*no writes today/);
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /no writes today/);
  });

  it('gives the tools as text to a server that refuses them, with one notice', async () => {
    await setSettings({ 'tandem.chat.model': `text-only-${process.pid}` });
    await (await tandem()).chat.handle({ type: 'newTask' });
    server.refuseTools();
    server.enqueue(CHAT, chatStream('Looking.\n<tool_call>{"name": "list_dir", "arguments": {"path": "."}}</tool_call>'), chatStream('Listed.'));
    const api = await tandem();
    await api.chat.run('list the folder');
    const s = api.chat.snapshot();
    assert.ok(s.items.some((i) => i.kind === 'tool' && i.name === 'list_dir' && i.state === 'done'));
    assert.equal(s.items.filter((i) => i.kind === 'notice' && /does not take tools/.test(i.text)).length, 1);
    assert.equal(server.requestsTo(CHAT).at(-1)!.body.tools, undefined);
  });
});
