// The command card in the real VS Code, against the scripted model: "Run and always allow" writes
// exactly the entry the card showed to the workspace settings, the same command then runs unasked
// while any other arguments still ask, a command offered no entry cannot be always allowed; "Edit"
// runs the edited command after judging it again (a forbidden edit never runs); every command run is
// mirrored into the "Tandem" terminal.
import { strict as assert } from 'node:assert';
import { existsSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name).fsPath;
const run = (id: string, command: string) => chatToolCallStream([{ id, name: 'run_command', arguments: { command } }]);
const allowed = () => vscode.workspace.getConfiguration('tandem').inspect<string[]>('agent.allowedCommands')?.workspaceValue;

describe('command cards', () => {
  let server: ModelServer;
  const made = ['always-1.txt', 'other.txt', 'edit-me.txt', 'edited.txt', 'edited-as-root.txt', 'b.txt', 'c.txt'];
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('tandem').update('agent.allowedCommands', undefined, vscode.ConfigurationTarget.Workspace);
    for (const f of made) rmSync(file(f), { force: true });
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });

  it('always allows exactly the command the card showed, in the workspace settings, and nothing wider', async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', run('a1', 'touch always-1.txt'), run('a2', 'touch always-1.txt'), run('a3', 'touch always-1.txt other.txt'), run('a4', 'touch b.txt && touch c.txt'), chatStream('Done.'));
    const done = api.chat.run('Make the files');
    let s = await stateWhere((x) => x.decisions[0]?.alwaysPattern !== undefined, 'the card with its always-allow entry');
    const q = s.decisions[0];
    assert.equal(q.subject, 'touch always-1.txt');
    assert.equal(q.alwaysPattern, '=touch always-1.txt');
    assert.equal(q.detail, root(), 'the folder is a path');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: q.requestId, allow: true, remember: true }), true);
    assert.deepEqual(allowed(), ['=touch always-1.txt']);

    // The same command again runs without a card; other arguments ask, with their own exact entry.
    s = await stateWhere((x) => x.decisions[0]?.subject === 'touch always-1.txt other.txt' && x.decisions[0].alwaysPattern !== undefined, 'the card for other arguments');
    assert.equal(s.items.filter((i) => i.kind === 'tool' && i.state === 'done').length, 2, 'the repeated command ran unasked');
    assert.equal(s.decisions[0].alwaysPattern, '=touch always-1.txt other.txt');
    assert.ok(s.items.some((i) => i.kind === 'notice' && /Added "=touch always-1\.txt" to tandem\.agent\.allowedCommands/.test(i.text)), 'the panel says what was added');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: false }), true);

    // A chain is never offered "always", and a forged remember is refused without running it.
    s = await stateWhere((x) => x.decisions[0]?.subject === 'touch b.txt && touch c.txt' && x.decisions[0].alwaysRefused !== undefined, 'the card for a chain');
    assert.equal(s.decisions[0].alwaysPattern, undefined);
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: true, remember: true }), false);
    assert.equal(api.chat.snapshot().decisions.length, 1, 'still waiting');
    assert.deepEqual(allowed(), ['=touch always-1.txt'], 'nothing else was added');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: false }), true);
    await done;
    assert.equal(existsSync(file('always-1.txt')), true);
    assert.equal(existsSync(file('other.txt')), false);
    assert.equal(existsSync(file('b.txt')), false);

    // The runs were mirrored into the "Tandem" terminal.
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Tandem'), 'a Tandem terminal exists');
    const transcript = api.chat.terminal.transcript();
    assert.equal(transcript.split('$ touch always-1.txt\x1b[0m').length - 1, 2, transcript);
    assert.match(transcript, /exit code 0/);
    assert.ok(!transcript.includes('other.txt'), 'a denied command is not shown as run');
  });

  it('runs the command as edited on the card, judged again, and never a forbidden edit', async () => {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', run('e1', 'touch edit-me.txt'), run('e2', 'touch edit-me.txt'), chatStream('Done.'));
    const done = api.chat.run('Make a file');
    let s = await stateWhere((x) => x.decisions.length === 1, 'the command card');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: true, command: 'touch edited.txt' }), true);
    s = await stateWhere((x) => x.decisions.length === 1 && x.items.some((i) => i.kind === 'tool' && i.id === 'e1' && i.state !== 'running'), 'the second card');
    const first = s.items.find((i) => i.kind === 'tool' && i.id === 'e1');
    assert.ok(first?.kind === 'tool' && first.state === 'done' && /edited the command/.test(first.output) && /\$ touch edited\.txt/.test(first.output), JSON.stringify(first));
    // Forbidden whatever was clicked (another user's rights); harmless should the check ever break.
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: true, command: 'sudo -n touch edited-as-root.txt' }), true);
    await done;
    const second = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.id === 'e2');
    assert.ok(second?.kind === 'tool' && second.state === 'failed' && /which was refused/.test(second.output), JSON.stringify(second));
    assert.equal(existsSync(file('edited.txt')), true);
    assert.equal(existsSync(file('edit-me.txt')), false, 'the original command did not run');
    assert.equal(existsSync(file('edited-as-root.txt')), false);
    assert.match(api.chat.terminal.transcript(), /\$ touch edited\.txt/);
    assert.equal(await api.chat.handle({ type: 'decide', requestId: 'gone', allow: true, command: 'ls' }), false);
  });
});
