// Owns turning applied agent changes into audit-ledger entries: the task, the model and the
// endpoint's host (never a key), the file, the diff, who approved it and the guard findings.
import type { ChangeRecorder } from '../changes/ports';
import type { AuditAnchor } from './heads';
import { AuditLedger } from './ledger';

export interface RecorderContext {
  taskId: () => string | undefined;
  task: () => string | undefined;
  model: string;
  baseUrl: string;
  /** The user's keys and head records (default: from the process environment). */
  anchor?: AuditAnchor;
  /** The workspace the log must stay in (a linked `.tandem` must not lead elsewhere). */
  workspaceRoot?: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function ledgerRecorder(file: string, ctx: RecorderContext): ChangeRecorder {
  const ledger = new AuditLedger(file, ctx.anchor, { workspaceRoot: ctx.workspaceRoot });
  return {
    check: () => ledger.check(),
    async record({ change, approvedBy, findings, restoredFrom }) {
      await ledger.append({
        taskId: ctx.taskId(),
        task: restoredFrom ? `Restore checkpoint ${restoredFrom}` : ctx.task(),
        model: ctx.model,
        endpointHost: hostOf(ctx.baseUrl),
        file: change.newPath ?? change.path,
        kind: restoredFrom ? `restore (${change.kind})` : change.kind,
        diff: change.diff,
        approvedBy,
        findings: findings.map(({ ruleId, cwe, severity, line }) => ({ ruleId, cwe, severity, line })),
      });
    },
  };
}
