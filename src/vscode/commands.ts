// Owns the autocomplete commands: toggle, set/clear the API key, the status-bar menu, show log.
import * as vscode from 'vscode';
import type { Log } from './log';
import type { ApiKeyStore } from './secrets';

export function registerCompletionCommands(keys: ApiKeyStore, log: Log, stats?: () => string): vscode.Disposable[] {
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

  const menu = async () => {
    const enabled = vscode.workspace.getConfiguration('tandem').get<boolean>('completion.enabled', true);
    const picked = await vscode.window.showQuickPick(
      [
        { label: enabled ? '$(circle-slash) Turn completions off' : '$(sparkle) Turn completions on', id: 'toggle' },
        { label: '$(key) Set API key…', id: 'key' },
        { label: '$(gear) Open Tandem settings', id: 'settings' },
        { label: '$(output) Show log', id: 'log' },
        ...(stats ? [{ label: `$(graph) ${stats()}`, description: 'Show completion stats', id: 'stats' }] : []),
      ],
      { title: 'Tandem' },
    );
    if (picked?.id === 'toggle') await toggle();
    else if (picked?.id === 'key') await setKey();
    else if (picked?.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.');
    else if (picked?.id === 'log') log.show();
    else if (picked?.id === 'stats') await vscode.commands.executeCommand('tandem.showCompletionStats');
  };

  return [
    vscode.commands.registerCommand('tandem.toggleCompletions', toggle),
    vscode.commands.registerCommand('tandem.setApiKey', setKey),
    vscode.commands.registerCommand('tandem.clearApiKey', clearKey),
    vscode.commands.registerCommand('tandem.statusMenu', menu),
    vscode.commands.registerCommand('tandem.showLog', () => log.show()),
  ];
}
