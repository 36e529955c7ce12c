// Owns the one decision per request: does an edit, a command or an MCP call run, ask, or never run,
// under the approval mode — suggest (everything asks), auto-edit (edits apply, commands ask unless
// allowed), full-auto (both run) — with protected paths and forbidden commands overriding the mode.
import { classifyCommand, type CommandVerdict } from './commandPolicy';
import { protectedReason } from './protectedPaths';

export type ApprovalMode = 'suggest' | 'auto-edit' | 'full-auto';

export function decideEdit(mode: ApprovalMode, relPaths: string[]): CommandVerdict {
  for (const rel of relPaths) {
    const why = protectedReason(rel);
    if (why) return { decision: 'ask', reason: why };
  }
  if (mode === 'suggest') return { decision: 'ask', reason: 'approval mode "suggest" asks for every edit' };
  return { decision: 'allow', reason: `approval mode "${mode}" applies edits` };
}

export interface CommandContext {
  allowed: string[];
  workspaceRoot: string;
  cwd: string;
  /** The command will run inside a working sandbox (bubblewrap). */
  confined: boolean;
}

export function decideCommand(mode: ApprovalMode, command: string, ctx: CommandContext): CommandVerdict {
  const verdict = classifyCommand(command, ctx.allowed);
  if (verdict.decision === 'forbid') return verdict;
  if (mode === 'full-auto') {
    // Full-auto runs commands only where the sandbox holds them; unconfined, it asks like auto-edit.
    if (ctx.confined) return { decision: 'allow', reason: 'approval mode "full-auto" runs commands in the sandbox' };
    if (verdict.decision === 'ask') return { decision: 'ask', reason: `${verdict.reason}, and there is no sandbox to run it in` };
  }
  return verdict;
}

/** MCP and other external tools follow the command rule: they ask unless the mode is full-auto. */
export function decideExternalTool(mode: ApprovalMode, alwaysAllowed: boolean): CommandVerdict {
  if (mode === 'full-auto') return { decision: 'allow', reason: 'approval mode "full-auto" runs tools' };
  if (alwaysAllowed) return { decision: 'allow', reason: 'you chose to always allow this tool' };
  return { decision: 'ask', reason: `approval mode "${mode}" asks before external tools run` };
}
