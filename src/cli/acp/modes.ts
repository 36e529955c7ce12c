// Owns the session modes an ACP client offers the user: Tandem's approval modes (suggest, auto-edit,
// full-auto) and plan (read-only tools, the answer is a plan; approvals stay as they were).
import type * as acp from '@agentclientprotocol/sdk';
import type { AgentMode } from '../../core/agent/modes';
import type { ApprovalMode } from '../args';

export interface SessionMode {
  approval: ApprovalMode;
  agent: AgentMode;
}

/** Commands the agent itself answers over ACP; prompt files cannot take these names. */
export const BUILTIN_ACP_COMMANDS = ['plan', 'act'];

const MODES: acp.SessionMode[] = [
  { id: 'suggest', name: 'Suggest', description: 'Asks before every edit and every command that is not read-only' },
  { id: 'auto-edit', name: 'Auto-edit', description: 'Applies edits in the workspace; asks before commands that are not read-only' },
  { id: 'full-auto', name: 'Full auto', description: 'Applies edits and runs commands in the sandbox; still asks where the policy or guard says so' },
  { id: 'plan', name: 'Plan', description: 'Read-only: explores and answers with a plan, changes nothing' },
];

export function modeId(m: SessionMode): string {
  return m.agent === 'plan' ? 'plan' : m.approval;
}

export function modeState(m: SessionMode): acp.SessionModeState {
  return { currentModeId: modeId(m), availableModes: MODES };
}

/** The mode an id selects (plan keeps the approval mode for when the user acts), or undefined. */
export function parseModeId(id: string, current: SessionMode): SessionMode | undefined {
  if (id === 'plan') return { ...current, agent: 'plan' };
  if (id === 'suggest' || id === 'auto-edit' || id === 'full-auto') return { approval: id, agent: 'act' };
  return undefined;
}
