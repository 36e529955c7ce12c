// The command sandbox from the panel in a real VS Code: in full-auto a command runs at once, but
// inside bubblewrap — it writes the workspace, not the host's /tmp nor a protected folder, and the
// model is told what the sandbox allows. With tandem.agent.sandbox.mode "off", full-auto asks. A
// command cannot loosen its own rules by writing workspace settings: those keys are machine-scoped.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

/** Resolves once the workspace's settings file has been read again (a key it sets takes effect). */
async function workspaceSettingsRead(key: string, value: unknown): Promise<void> {
  const now = () => vscode.workspace.getConfiguration().get(key) === value;
  if (now()) return;
  await new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration(() => {
      if (!now()) return;
      sub.dispose();
      resolve();
    });
  });
}

const CHAT = '/v1/chat/completions';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

describe('command sandbox in the panel', () => {
  let server: ModelServer;
  const hostTmp = `/tmp/tandem-sandbox-escape-${process.pid}.txt`;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    rmSync(hostTmp, { force: true });
    rmSync(`${root()}/sbx`, { recursive: true, force: true });
    mkdirSync(`${root()}/.github`, { recursive: true });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  afterEach(async () => {
    await setSettings({ 'tandem.agent.approval': 'suggest', 'tandem.agent.sandbox.mode': undefined });
    rmSync(`${root()}/sbx`, { recursive: true, force: true });
    rmSync(hostTmp, { force: true });
  });

  it('runs a full-auto command confined: the workspace is writable, the host /tmp and .github are not', async () => {
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'full-auto' });
    const command = `mkdir -p sbx && echo in > sbx/inside.txt; echo out > ${hostTmp}; echo bad > .github/evil.yml; echo finished`;
    server.enqueue(CHAT, chatToolCallStream([{ id: 's1', name: 'run_command', arguments: { command } }]), chatStream('Ran it.'));
    const api = await tandem();
    await api.chat.run('run the command');
    const s = api.chat.snapshot();
    assert.equal(s.decisions.length, 0, 'full-auto did not ask: the command was confined');
    assert.equal(readFileSync(`${root()}/sbx/inside.txt`, 'utf8'), 'in\n');
    assert.equal(existsSync(hostTmp), false, 'the /tmp the command saw was its own');
    assert.equal(existsSync(`${root()}/.github/evil.yml`), false, '.github is read-only inside the sandbox');
    const step = s.items.find((i) => i.kind === 'tool' && i.id === 's1');
    assert.ok(step?.kind === 'tool');
    assert.match(step.output, /Read-only file system/);
    assert.match(step.output, /finished/);
    // The model learns how commands are confined, from the system prompt.
    assert.match(String(server.requestsTo(CHAT)[0].body.messages[0].content), /Commands run in a sandbox: bubblewrap/);
  });

  it('with the sandbox off, full-auto asks before a command it does not consider safe on its own', async () => {
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'full-auto', 'tandem.agent.sandbox.mode': 'off' });
    server.enqueue(CHAT, chatToolCallStream([{ id: 's2', name: 'run_command', arguments: { command: 'mkdir -p sbx && touch sbx/unconfined.txt' } }]), chatStream('Left it.'));
    const api = await tandem();
    const done = api.chat.run('run it unconfined');
    const s = await stateWhere((x) => x.decisions.length === 1, 'the command question');
    assert.match(s.decisions[0].reason, /sandbox/);
    await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: false });
    await done;
    assert.equal(existsSync(`${root()}/sbx/unconfined.txt`), false);
  });

  it('a command that writes .vscode/settings.json cannot switch the sandbox off, approve itself, or move the endpoint', async () => {
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    // Set an existing .vscode aside (another test may have made one), as in a workspace without one.
    const aside = `${root()}/.vscode-aside-${process.pid}`;
    const hadVscode = existsSync(`${root()}/.vscode`);
    if (hadVscode) renameSync(`${root()}/.vscode`, aside);
    const loosen = {
      'tandem.agent.sandbox.mode': 'off',
      'tandem.agent.sandbox.network': true,
      'tandem.agent.approval': 'full-auto',
      'tandem.agent.env': ['LEAK=1', 'HOME'],
      'tandem.baseUrl': 'http://127.0.0.1:9/v1',
      'tandem.audit.enabled': false,
      // The same keys in a language block, another spelling of a workspace value.
      '[javascript]': { 'tandem.agent.approval': 'full-auto', 'tandem.baseUrl': 'http://127.0.0.1:9/v1', 'tandem.agent.sandbox.mode': 'off' },
      // A key a workspace may set: when it shows, VS Code has read the file.
      'tandem.completion.debounceMs': 123,
    };
    try {
      // The command is run by the user's approval in suggest mode and tries to write the workspace
      // settings: a missing .vscode cannot be created inside the sandbox (a read-only placeholder).
      const write = `mkdir -p .vscode && printf '%s' '${JSON.stringify(loosen)}' > .vscode/settings.json`;
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w1', name: 'run_command', arguments: { command: write } }]), chatStream('Wrote settings.'));
      const api = await tandem();
      const first = api.chat.run('write the settings');
      const asked = await stateWhere((x) => x.decisions.length === 1, 'the first command question');
      await api.chat.handle({ type: 'decide', requestId: asked.decisions[0].requestId, allow: true });
      await first;
      assert.equal(existsSync(`${root()}/.vscode/settings.json`), false, 'the sandboxed command could not create .vscode');
      // The same file arriving another way (a git pull, an unconfined tool): its keys still do not apply.
      mkdirSync(`${root()}/.vscode`, { recursive: true });
      writeFileSync(`${root()}/.vscode/settings.json`, JSON.stringify(loosen));
      await workspaceSettingsRead('tandem.completion.debounceMs', 123);
      const c = vscode.workspace.getConfiguration('tandem');
      assert.equal(c.get('agent.sandbox.mode'), 'workspace-write');
      assert.equal(c.get('agent.approval'), 'suggest');
      assert.equal(c.get('baseUrl'), server.url);
      assert.deepEqual(c.get('agent.env'), []);
      const js = vscode.workspace.getConfiguration('tandem', { languageId: 'javascript' });
      assert.deepEqual([js.get('agent.approval'), js.get('baseUrl'), js.get('agent.sandbox.mode')], ['suggest', server.url, 'workspace-write']);
      // The next task still asks (suggest), still reaches the user's server, and runs confined.
      await api.chat.handle({ type: 'newTask' });
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w2', name: 'run_command', arguments: { command: `echo out > ${hostTmp}; echo done` } }]), chatStream('Tried.'));
      const second = api.chat.run('write to the host');
      const again = await stateWhere((x) => x.decisions.length === 1, 'the second command question');
      await api.chat.handle({ type: 'decide', requestId: again.decisions[0].requestId, allow: true });
      await second;
      assert.equal(server.requestsTo(CHAT).length, 4, 'both tasks talked to the configured server');
      assert.equal(existsSync(hostTmp), false, 'the command ran in the sandbox');
    } finally {
      rmSync(`${root()}/.vscode`, { recursive: true, force: true });
      if (hadVscode) renameSync(aside, `${root()}/.vscode`);
    }
  });
});
