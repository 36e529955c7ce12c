// Owns the autocomplete commands: toggle, set/clear the API key, the status-bar menu, show log.
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ApiKeyStore } from '../model/apiKey';
import type { ServerMonitor } from '../model/serverMonitor';
import { showStatusMenu } from '../model/statusMenu';

export function registerCompletionCommands(keys: ApiKeyStore, log: Log, server?: ServerMonitor, stats?: () => string): vscode.Disposable[] {
  const toggle = async () => {
    const c = vscode.workspace.getConfiguration('tandem');
    const next = !c.get<boolean>('completion.enabled', true);
    await c.update('completion.enabled', next, vscode.ConfigurationTarget.Global);
    // A workspace value would win over the global one: keep them in agreement.
    if (c.inspect<boolean>('completion.enabled')?.workspaceValue !== undefined) {
      await c.update('completion.enabled', next, vscode.ConfigurationTarget.Workspace);
    }
    vscode.window.setStatusBarMessage(`Tandem completions ${next ? 'on' : 'off'}`, 2000);
  };

  const setKey = async (value?: string) => {
    const key =
      typeof value === 'string'
        ? value
        : await vscode.window.showInputBox({
            title: 'Tandem: Set API Key',
            prompt: 'API key for your OpenAI-compatible endpoint. It is kept in VS Code\'s secret storage, never in settings.',
            password: true,
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() === '' ? 'Enter a key, or press Escape to cancel.' : /\s/.test(v.trim()) ? 'An API key has no spaces.' : undefined),
          });
    if (key === undefined) return;
    await keys.set(key.trim());
    log.info('API key stored in secret storage.');
    vscode.window.showInformationMessage('Tandem: API key saved in secret storage.');
  };

  const clearKey = async () => {
    await keys.clear();
    log.info('API key removed from secret storage.');
    vscode.window.showInformationMessage('Tandem: API key removed.');
  };

  const menu = () => showStatusMenu(server, toggle, stats);

  return [
    vscode.commands.registerCommand('tandem.toggleCompletions', toggle),
    vscode.commands.registerCommand('tandem.setApiKey', setKey),
    vscode.commands.registerCommand('tandem.clearApiKey', clearKey),
    vscode.commands.registerCommand('tandem.statusMenu', menu),
    vscode.commands.registerCommand('tandem.showLog', () => log.show()),
  ];
}
