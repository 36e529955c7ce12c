// Owns the panel's keyboard side: commands for Approve all, Reject all and Stop (bound to keys in
// package.json), and the context keys their `when` clauses read — a task is running, changes wait —
// kept in step with the panel's state.
import * as vscode from 'vscode';
import type { PanelState } from '../../protocol/messages';

export const RUNNING_CONTEXT = 'tandem.running';
export const PENDING_CONTEXT = 'tandem.pendingChanges';

interface Panel {
  snapshot(): PanelState;
  onDidChangeState: vscode.Event<PanelState>;
  handle(raw: unknown): Promise<boolean>;
}

export function registerPanelKeys(chat: Panel): vscode.Disposable[] {
  let last = { running: false, pending: false };
  const sync = (s: PanelState) => {
    const now = { running: s.running, pending: s.changes.length > 0 };
    if (now.running !== last.running) void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, now.running);
    if (now.pending !== last.pending) void vscode.commands.executeCommand('setContext', PENDING_CONTEXT, now.pending);
    last = now;
  };
  return [
    chat.onDidChangeState(sync),
    vscode.commands.registerCommand('tandem.approveAll', () => chat.handle({ type: 'approveAll' })),
    vscode.commands.registerCommand('tandem.rejectAll', () => chat.handle({ type: 'rejectAll' })),
    vscode.commands.registerCommand('tandem.stop', () => chat.handle({ type: 'stop' })),
  ];
}
