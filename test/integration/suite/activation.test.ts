// The extension loads in a real VS Code and contributes what it promises.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { tandem } from './helpers';

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
});
