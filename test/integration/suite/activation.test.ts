// The extension loads in a real VS Code and contributes what it promises; the first panel open loads
// the agent bundle, and the time from it to the first model request is printed as a figure.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { recordMetric, setSettings, tandem } from './helpers';

describe('activation', () => {
  it('activates and registers its commands', async () => {
    const api = await tandem();
    assert.ok(vscode.extensions.getExtension('tandem-dev.tandem')?.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['tandem.toggleCompletions', 'tandem.setApiKey', 'tandem.clearApiKey']) assert.ok(commands.includes(c), `${c} is registered`);
    assert.ok(['enabled', 'disabled', 'loading', 'error'].includes(api.status().state));
  });

  it('contributes its settings with defaults', () => {
    const c = vscode.workspace.getConfiguration('tandem');
    assert.equal(c.inspect('baseUrl')?.defaultValue, 'http://localhost:11434/v1');
    assert.equal(c.inspect('completion.api')?.defaultValue, 'completions');
    assert.equal(c.inspect('completion.enabled')?.defaultValue, true);
  });

  it('registers every contributed command at activation, with the agent not loaded until first use', async () => {
    const api = await tandem();
    recordMetric('activation → inline provider (ms)', api.activationMs);
    const ext = vscode.extensions.getExtension('tandem-dev.tandem')!;
    const contributed = (ext.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    const commands = await vscode.commands.getCommands(true);
    for (const c of contributed) assert.ok(commands.includes(c), `${c} is registered`);
    assert.equal(api.agentLoaded(), false, 'activation loaded the agent bundle');
    // The first use loads it, and its real commands take over from the stand-ins. Measured (a figure,
    // not asserted): the panel opened, then a task sent, until its first request reaches the model server.
    const server = await ModelServer.start();
    const c = vscode.workspace.getConfiguration();
    const before = { 'tandem.baseUrl': c.inspect('tandem.baseUrl')?.globalValue, 'tandem.chat.model': c.inspect('tandem.chat.model')?.globalValue };
    try {
      await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model' });
      server.enqueue('/v1/chat/completions', chatStream('Hello.'));
      const t0 = performance.now();
      // The chat request only: the status bar's check of the new server is a request too.
      const first = new Promise<number>((resolve) => {
        const onRequest = (r: { path: string }) => {
          if (r.path !== '/v1/chat/completions') return;
          server.off('request', onRequest);
          resolve(performance.now() - t0);
        };
        server.on('request', onRequest);
      });
      await vscode.commands.executeCommand('tandem.openChat');
      const opened = performance.now() - t0;
      assert.equal(api.chat.snapshot().running, false);
      assert.equal(api.agentLoaded(), true);
      const done = api.chat.run('say hello');
      recordMetric('panel open (agent bundle loaded on it) → first request (ms)', await first);
      recordMetric('of which the open command (ms)', opened);
      await done;
    } finally {
      await setSettings(before);
      await server.close();
    }
    const after = await vscode.commands.getCommands(true);
    for (const c of [...contributed, 'tandem.approveHunk']) assert.ok(after.includes(c), `${c} is registered after the agent loaded`);
  });

  it('runs from the installed .vsix when TANDEM_TEST_INSTALLED is set, else from the sources', () => {
    const ext = vscode.extensions.getExtension('tandem-dev.tandem')!;
    const repo = path.resolve(__dirname, '../../../..');
    if (process.env.TANDEM_TEST_INSTALLED) {
      assert.ok(path.relative(repo, ext.extensionPath).startsWith('..'), `loaded from ${ext.extensionPath}, not from the installed .vsix`);
      assert.match(path.basename(ext.extensionPath), /^tandem-dev\.tandem-/);
    } else {
      assert.equal(ext.extensionPath, repo);
    }
  });
});
