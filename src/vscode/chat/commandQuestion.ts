// Owns the command card's extras on the extension side: the folder shown as a real path, the exact
// "always allow" entry offered (core/policy/alwaysAllow decides), and writing that entry to the
// workspace's tandem.agent.allowedCommands — only ever the entry the card showed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { alwaysAllowPattern } from '../../core/policy/alwaysAllow';
import type { PendingDecision } from '../../protocol/messages';

/** The folder a command runs in, as an absolute path (the request carries it workspace-relative). */
export function commandFolder(rel: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return root ? path.join(root, rel === '.' ? '' : rel) : rel;
}

/** Fills in what "Run and always allow" would add, or why it is not offered. */
export async function offerAlways(q: PendingDecision): Promise<Pick<PendingDecision, 'alwaysPattern' | 'alwaysRefused'>> {
  try {
    const offer = await alwaysAllowPattern(q.subject);
    return 'pattern' in offer ? { alwaysPattern: offer.pattern } : { alwaysRefused: offer.refused };
  } catch (err) {
    return { alwaysRefused: `the command could not be checked (${(err as Error).message})` };
  }
}

/** Adds the entry to the workspace's allowed commands (once); returns the sentence that says so. */
export async function allowInWorkspace(pattern: string): Promise<string> {
  const c = vscode.workspace.getConfiguration('tandem');
  const current = c.inspect<string[]>('agent.allowedCommands')?.workspaceValue ?? [];
  if (!current.includes(pattern)) await c.update('agent.allowedCommands', [...current, pattern], vscode.ConfigurationTarget.Workspace);
  return `Added "${pattern}" to tandem.agent.allowedCommands in this workspace's settings: exactly this command now runs without asking (remove it there to ask again).`;
}
