// What needs a human (or policy) decision and what came back: the approval request for an edit, a
// command, a tool call or a read, the decision (with hunks left out), and the Approver port the panel,
// the CLI, ACP clients and tests implement.
import type { ProposedChange } from './change';
import type { Finding } from './finding';
import type { ReviewOutcome } from './review';

/** Hunks (by index, see edits/hunks.ts) of one change that the user rejected, with their reasons. */
export type RejectedHunks = Array<{ index: number; reason?: string }>;

export type ApprovalDecision =
  /**
   * `remember`: the user chose "always allow" (MCP tools remember it per workspace).
   * `rejectedHunks`: per change id, the hunks left out; the rest of the change is applied.
   * `command`: the user edited the command before allowing it; it is judged again before it runs.
   */
  | { approved: true; remember?: boolean; rejectedHunks?: Record<string, RejectedHunks>; command?: string }
  | { approved: false; reason?: string };

/** What needs a human (or policy) decision. */
export type ApprovalRequest =
  | { type: 'edit'; changes: ProposedChange[]; toolCallId: string; findings?: Finding[]; review?: ReviewOutcome }
  | { type: 'command'; command: string; cwd: string; toolCallId: string; reason: string }
  | { type: 'tool'; toolName: string; args: unknown; toolCallId: string; reason: string }
  | { type: 'read'; path: string; toolCallId: string; reason: string };

/** Port through which core asks for decisions; the panel, the CLI and tests implement it. */
export interface Approver {
  request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
