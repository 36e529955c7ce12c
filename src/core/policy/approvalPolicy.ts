// Owns the one decision per request: does an edit, a command or an MCP call run, ask, or never run,
// under the approval mode — suggest (everything asks), auto-edit (edits apply, commands ask unless
// allowed), full-auto (both run; commands only inside a working sandbox) — with protected paths
// and forbidden commands overriding the mode.
import { classifyCommand } from './commandPolicy';
import { protectedEditReason, type EditTarget, type PathRules } from './pathRules';
import type { CommandVerdict } from './verdict';

export type ApprovalMode = 'suggest' | 'auto-edit' | 'full-auto';

/** Edits: protected files (and package.json scripts) ask in every mode; otherwise the mode decides. */
export function decideEdit(mode: ApprovalMode, targets: EditTarget[]): CommandVerdict {
  for (const t of targets) {
    const why = protectedEditReason(t);
    if (why) return { decision: 'ask', reason: why };
  }
  if (mode === 'suggest') return { decision: 'ask', reason: 'approval mode "suggest" asks for every edit' };
  return { decision: 'allow', reason: `approval mode "${mode}" applies edits` };
}

export interface CommandContext {
  /** tandem.agent.allowedCommands. */
  allowed: string[];
  /** Canonical workspace root. */
  workspaceRoot: string;
  /** Absolute folder the command runs in. */
  cwd: string;
  /** True when the command will run inside a working sandbox (no writes outside the workspace, no network). */
  confined: boolean;
  /**
   * The sandbox is on but cannot start here (no user namespaces, not Linux): full-auto then asks
   * before every command, read-only ones included — never unconfined without the user having said
   * so by switching the sandbox off.
   */
  sandboxUnavailable?: boolean;
  /** The home folder `~` stands for (tests inject one). */
  home?: string;
  rules?: PathRules;
}

/**
 * Commands: forbidden ones never run. full-auto runs the rest only when confined by the sandbox;
 * unconfined, anything the classifier does not itself allow asks. suggest and auto-edit follow the
 * classifier (read-only and allowed commands run, the rest asks).
 */
export async function decideCommand(mode: ApprovalMode, command: string, ctx: CommandContext): Promise<CommandVerdict> {
  const verdict = await classifyCommand(command, ctx);
  if (mode === 'full-auto' && ctx.sandboxUnavailable && verdict.decision === 'allow') {
    return { decision: 'ask', reason: 'the sandbox cannot start here, and full-auto runs no command unconfined unless the sandbox is switched off (tandem.agent.sandbox: off / --sandbox off)' };
  }
  if (verdict.decision !== 'ask' || mode !== 'full-auto') return verdict;
  if (ctx.confined) return { decision: 'allow', reason: 'approval mode "full-auto" runs commands inside the sandbox' };
  return { decision: 'ask', reason: `${verdict.reason}; full-auto runs such commands only inside the sandbox, which is not available here` };
}

/**
 * MCP and other external tools follow the command rule: they ask unless the mode is full-auto.
 * A secret or protected path in the arguments (argumentPathReason) asks in every mode.
 */
export function decideExternalTool(mode: ApprovalMode, alwaysAllowed: boolean, pathReason?: string): CommandVerdict {
  if (pathReason) return { decision: 'ask', reason: pathReason };
  if (mode === 'full-auto') return { decision: 'allow', reason: 'approval mode "full-auto" runs tools' };
  if (alwaysAllowed) return { decision: 'allow', reason: 'you chose to always allow this tool' };
  return { decision: 'ask', reason: `approval mode "${mode}" asks before external tools run` };
}
