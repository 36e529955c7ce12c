// Owns the status-bar menu: what the server check found (pick it to connect elsewhere), the chat and
// completion models (pick them to change), Open Chat, completions and next edit suggestions on/off, completions for the
// current editor's language, the API key, settings and the log.
import * as vscode from 'vscode';
import { readAgentSettings } from '../agent/settings';
import { describeServer, type ServerMonitor } from './serverMonitor';

type Item = vscode.QuickPickItem & { run?: () => Thenable<unknown> | void };

/** Adds or removes a language from tandem.completion.disabledLanguages (user settings). */
async function setLanguageEnabled(languageId: string, enabled: boolean): Promise<void> {
  const c = vscode.workspace.getConfiguration('tandem');
  const current = c.get<string[]>('completion.disabledLanguages', []);
  const next = enabled ? current.filter((l) => l.toLowerCase() !== languageId.toLowerCase()) : [...new Set([...current, languageId])];
  await c.update('completion.disabledLanguages', next, vscode.ConfigurationTarget.Global);
}

/** Next edit suggestions on/off (user settings). */
function nextEditItem(c: vscode.WorkspaceConfiguration): Item {
  const on = c.get<boolean>('nextEdit.enabled', false);
  return { label: on ? '$(circle-slash) Turn next edit suggestions off' : '$(arrow-right) Turn next edit suggestions on', run: () => c.update('nextEdit.enabled', !on, vscode.ConfigurationTarget.Global) };
}

export function statusMenuItems(server: ServerMonitor | undefined, toggle: () => Promise<void>, stats?: () => string): Item[] {
  const c = vscode.workspace.getConfiguration('tandem');
  const enabled = c.get<boolean>('completion.enabled', true);
  const v = server?.view();
  const icon = !v || v.state === 'checking' ? '$(loading~spin)' : v.state === 'failed' ? '$(error)' : '$(pass)';
  const items: Item[] = [
    { label: 'Server', kind: vscode.QuickPickItemKind.Separator },
    { label: `${icon} ${readAgentSettings().baseUrl}`, detail: v ? describeServer(v) : undefined, run: () => vscode.commands.executeCommand('tandem.connect') },
    { label: `$(comment-discussion) Chat model: ${readAgentSettings().model}`, run: () => vscode.commands.executeCommand('tandem.selectModel') },
    { label: `$(sparkle) Completion model: ${c.get<string>('completion.model', '')}`, run: () => vscode.commands.executeCommand('tandem.selectModel') },
    { label: 'Tandem', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(comment-discussion) Open Chat', run: () => vscode.commands.executeCommand('tandem.openChat') },
    { label: enabled ? '$(circle-slash) Turn completions off' : '$(sparkle) Turn completions on', run: toggle },
    nextEditItem(c),
  ];
  const lang = vscode.window.activeTextEditor?.document.languageId;
  if (lang && enabled) {
    const off = c.get<string[]>('completion.disabledLanguages', []).map((l) => l.toLowerCase()).includes(lang.toLowerCase());
    items.push({ label: off ? `$(sparkle) Turn completions on for ${lang}` : `$(circle-slash) Turn completions off for ${lang}`, run: () => setLanguageEnabled(lang, off) });
  }
  items.push(
    { label: '$(key) Set API key…', run: () => vscode.commands.executeCommand('tandem.setApiKey') },
    { label: '$(gear) Open Tandem settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.') },
    { label: '$(output) Show log', run: () => vscode.commands.executeCommand('tandem.showLog') },
  );
  if (stats) items.push({ label: `$(graph) ${stats()}`, description: 'Show completion stats', run: () => vscode.commands.executeCommand('tandem.showCompletionStats') });
  return items;
}

export async function showStatusMenu(server: ServerMonitor | undefined, toggle: () => Promise<void>, stats?: () => string): Promise<void> {
  const picked = await vscode.window.showQuickPick(statusMenuItems(server, toggle, stats), { title: 'Tandem' });
  await picked?.run?.();
}
