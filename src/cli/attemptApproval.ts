// Owns what `--attempts` may do unasked under --approval. In full-auto each attempt edits its own
// copy and runs commands in the sandbox without asking, as before. In suggest and auto-edit an
// attempt's edits of its copy still need no question (they reach the workspace only through the
// normal edit flow afterwards), but every command an attempt's agent wants to run is asked in the
// terminal, labelled with its attempt, and the test command that verifies the attempts is asked
// once before anything starts. Without a terminal nothing starts: the run is refused, naming the flag.
// `tandem fix` and `tandem eval` run their attempts the same way (`what` names the command).
import type { Approver } from '../core/changes/approval';
import { attemptApproverFor } from '../core/attempts/modelChoice';
import type { ApprovalMode } from './args';
import type { TerminalApprover } from './terminalApprover';

/** The approver of attempt `index`: the unattended one in full-auto, the terminal for commands otherwise. */
export function attemptsApprover(index: number, mode: ApprovalMode, terminal: TerminalApprover): Approver {
  return attemptApproverFor(index, mode, terminal);
}

/**
 * Before any attempt starts: undefined when they may run, else why not (shown as the error). In
 * full-auto nothing is asked; otherwise a terminal must be there and the user must accept the test command.
 */
export async function confirmAttempts(mode: ApprovalMode, interactive: boolean, terminal: TerminalApprover, testCommand: string, root: string, signal: AbortSignal, what = '--attempts'): Promise<string | undefined> {
  if (mode === 'full-auto') return undefined;
  if (!interactive) {
    return `${what} with --approval ${mode} asks before each command an attempt runs${testCommand ? ` (and before the test command "${testCommand}")` : ''}, but no terminal is attached to answer, so no attempt was started. Re-run in a terminal, or pass --approval full-auto to let the attempts run commands unasked, each in its own copy of the workspace (inside the sandbox when it is available).`;
  }
  // No test command (tandem fix without one): nothing to ask up front; each command is asked as it comes.
  if (!testCommand) return undefined;
  const d = await terminal.request({ type: 'command', command: testCommand, cwd: root, toolCallId: 'attempts-test-command', reason: 'each attempt is verified with this command, run in its own copy of the workspace' }, signal);
  return d.approved ? undefined : `The test command was not approved, so no attempt was started (--approval ${mode}).`;
}
