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

export function decideCommand(mode: ApprovalMode, command: string, allowed: string[]): CommandVerdict {
  const verdict = classifyCommand(command, allowed);
  if (verdict.decision === 'forbid') return verdict;
  if (mode === 'full-auto') return { decision: 'allow', reason: 'approval mode "full-auto" runs commands' };
  return verdict;
}

/** MCP and other external tools follow the command rule: they ask unless the mode is full-auto. */
export function decideExternalTool(mode: ApprovalMode, alwaysAllowed: boolean): CommandVerdict {
  if (mode === 'full-auto') return { decision: 'allow', reason: 'approval mode "full-auto" runs tools' };
  if (alwaysAllowed) return { decision: 'allow', reason: 'you chose to always allow this tool' };
  return { decision: 'ask', reason: `approval mode "${mode}" asks before external tools run` };
}
