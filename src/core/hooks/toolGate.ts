// Owns what PreToolUse and PostToolUse do around one tool call. A block (exit 2, deny, decision
// "block") answers the call with the hook's reason and runs nothing; "ask" asks the user first; "allow"
// lets that one call run as full-auto would run it — and no further: questions full-auto asks too
// (a protected path, a secret read, a high guard finding, a command that would run outside a working
// sandbox) still go to the user, and what is refused in every mode (the workspace jail, forbidden
// commands) is refused before any question is asked. PostToolUse feedback is added to the result.
import type { ApprovalDecision, ApprovalRequest, Approver } from '../changes/approval';
import { decideEdit, decideExternalTool, type ApprovalMode } from '../policy/approvalPolicy';
import { argumentPathReason, PathRules, type EditTarget } from '../policy/pathRules';
import type { ToolResult } from '../tools/types';
import type { AgentHooks, HookCallContext, ToolCallInfo } from './engine';

export interface GateContext {
  approvalMode: ApprovalMode;
  workspaceRoot: string;
  /** True when commands run inside a working sandbox. */
  confined: () => Promise<boolean>;
}

/** True when full-auto would ask this question too: a hook's allow cannot answer it. */
async function fullAutoWouldAsk(req: ApprovalRequest, g: GateContext): Promise<boolean> {
  switch (req.type) {
    case 'edit': {
      if (req.findings?.some((f) => f.severity === 'high')) return true;
      const targets = req.changes.flatMap((c): EditTarget[] => (c.newPath ? [{ path: c.path, oldText: c.oldText }, { path: c.newPath, newText: c.newText }] : [{ path: c.path, oldText: c.oldText, newText: c.newText }]));
      return decideEdit('full-auto', targets).decision !== 'allow';
    }
    case 'command':
      // Outside a working sandbox full-auto asks before every command the rules do not allow.
      return !(await g.confined());
    case 'tool':
      return decideExternalTool('full-auto', false, argumentPathReason(req.args, g.workspaceRoot, PathRules.forWorkspace(g.workspaceRoot))).decision !== 'allow';
    case 'read':
      return true; // a secret file: asked in every mode
  }
}

/** The approver for a call a hook allowed: answers the mode's questions, passes the rest on. */
export function hookAllowedApprover(inner: Approver, g: GateContext): Approver {
  return {
    async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      if (await fullAutoWouldAsk(req, g)) return inner.request(req, signal);
      return { approved: true };
    },
  };
}

function parsedArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Runs one tool call between its PreToolUse and PostToolUse hooks. `invoke` runs the tool with the
 * approver it is given.
 */
export async function invokeWithHooks(hooks: AgentHooks, hc: HookCallContext, call: ToolCallInfo, approver: Approver, g: GateContext, invoke: (approver: Approver) => Promise<ToolResult>): Promise<ToolResult> {
  const pre = await hooks.preToolUse(call, hc);
  if (hc.signal.aborted) return invoke(approver); // the runtime answers a cancelled call itself
  // Nothing ran: PostToolUse is for calls that ran.
  if (pre.kind === 'block') return { output: `A PreToolUse hook blocked this call; nothing ran. The hook said: ${pre.reason}`, isError: true, meta: { rejected: true, hookBlocked: true } };
  if (pre.kind === 'ask') {
    const d = await approver.request({ type: 'tool', toolName: call.name, args: parsedArgs(call.arguments), toolCallId: call.id, reason: `a PreToolUse hook asks you to confirm this call${pre.reason ? `: ${pre.reason}` : ''}` }, hc.signal);
    if (!d.approved) return { output: `The user did not allow this call (a hook asked them to confirm it).${d.reason ? ` Their reason: ${d.reason}` : ''}`, isError: true, meta: { rejected: true } };
  }
  let result = await invoke(pre.kind === 'allow' ? hookAllowedApprover(approver, g) : approver);
  if (hc.signal.aborted) return result;
  const post = await hooks.postToolUse(call, { output: result.output, isError: !!result.isError }, hc);
  if (post.feedback) result = { ...result, output: `${result.output}\n\nA PostToolUse hook said: ${post.feedback}` };
  return result;
}
