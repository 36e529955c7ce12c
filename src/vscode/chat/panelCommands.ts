// Owns what the panel's command buttons do (error bubble: Open Settings, Show Log, Set API Key;
// welcome: Connect, Select Model). Only the names in PANEL_COMMANDS reach here: the webview cannot
// run arbitrary commands.
import * as vscode from 'vscode';
import type { PANEL_COMMANDS } from '../../protocol/messages';

export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export async function runPanelCommand(command: PanelCommand): Promise<boolean> {
  switch (command) {
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.');
      return true;
    case 'showLog':
      await vscode.commands.executeCommand('tandem.showLog');
      return true;
    case 'setApiKey':
      await vscode.commands.executeCommand('tandem.setApiKey');
      return true;
    case 'selectModel':
      await vscode.commands.executeCommand('tandem.selectModel');
      return true;
    case 'connect':
      await vscode.commands.executeCommand('tandem.connect');
      return true;
  }
}
