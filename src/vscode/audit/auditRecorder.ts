// Owns building the AI change log recorder for a workspace folder from tandem.audit.* (the panel's
// agent and the editor's restores write through the same one); undefined when auditing is off.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { AuditAnchor } from '../../core/audit/heads';
import { ledgerRecorder } from '../../core/audit/recorder';
import type { ChangeRecorder } from '../../core/changes/ports';
import { readAgentSettings } from '../agent/settings';

export function auditRecorder(folder: vscode.WorkspaceFolder, anchor: AuditAnchor | undefined, task: { taskId: () => string | undefined; task: () => string | undefined }): ChangeRecorder | undefined {
  const s = readAgentSettings();
  if (!s.auditPath) return undefined;
  return ledgerRecorder(path.resolve(folder.uri.fsPath, s.auditPath), { ...task, model: s.model, baseUrl: s.baseUrl, anchor, workspaceRoot: folder.uri.fsPath });
}
