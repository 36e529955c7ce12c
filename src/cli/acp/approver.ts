// Owns approvals over ACP: what Tandem's policy would ask about (an edit, a command, an MCP tool, a
// secret file to read) becomes `session/request_permission` with the spec's option kinds — allow
// once, reject once, and the "always" ones where they stay exact: a command gets the exact entry
// core/policy/alwaysAllow offers (`=npm test`, never wider) for this session or, remembered, for this
// workspace; an MCP tool is remembered by its definition; an edit's "always" switches the session to
// auto-edit (protected files and high findings still ask). reject_always refuses that exact command
// or tool for the rest of the session without asking. Edits show their diff. A cancelled prompt, a
// client that cannot answer, or an answer naming no offered option is a refusal.
import * as path from 'node:path';
import type * as acp from '@agentclientprotocol/sdk';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../../core/changes/approval';
import { alwaysAllowPattern } from '../../core/policy/alwaysAllow';
import { decideEdit } from '../../core/policy/approvalPolicy';
import type { EditTarget } from '../../core/policy/pathRules';
import type { PermissionMemory } from './permissionMemory';
import { findingLine, reviewLines } from '../reviewer';
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../../protocol/hiddenUnicode';
import { describeRequest } from '../terminalApprover';
import { diffContent, textContent } from './toolCalls';

export type PermissionAsker = (params: acp.RequestPermissionRequest, signal: AbortSignal) => Promise<acp.RequestPermissionResponse>;

const ALLOW_ONCE = 'allow-once';
const ALLOW_ALWAYS = 'allow-always';
const ALLOW_WORKSPACE = 'allow-always-workspace';
const REJECT = 'reject';
const REJECT_ALWAYS = 'reject-always';

/** What a reject_always answer remembers for the request; undefined: it is not offered. */
function rejectKey(req: ApprovalRequest): string | undefined {
  if (req.type === 'command') return `command:${req.command}`;
  if (req.type === 'tool') return `tool:${req.toolName}`;
  return undefined;
}

/** An edit the session's "always" may apply: what auto-edit would apply, with no high finding. */
function editAlwaysAllowed(req: Extract<ApprovalRequest, { type: 'edit' }>): boolean {
  if (req.findings?.some((f) => f.severity === 'high')) return false;
  const targets = req.changes.flatMap((c): EditTarget[] => (c.newPath ? [{ path: c.path, oldText: c.oldText }, { path: c.newPath, newText: c.newText }] : [{ path: c.path, oldText: c.oldText, newText: c.newText }]));
  return decideEdit('auto-edit', targets).decision === 'allow';
}

export class AcpApprover implements Approver {
  constructor(
    private readonly sessionId: string,
    private readonly root: string,
    private readonly ask: PermissionAsker,
    /** The session's "always" answers (permissionMemory.ts). */
    private readonly memory: PermissionMemory,
  ) {}

  async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return { approved: false, reason: 'Cancelled.' };
    const rejectAs = rejectKey(req);
    if (rejectAs && this.memory.rejected.has(rejectAs)) return { approved: false, reason: 'The user chose to always reject this in this session.' };
    // Edits allowed for the session: the turn's agent was built in the old mode, so the approver applies what auto-edit would.
    if (req.type === 'edit' && this.memory.editsAllowed && editAlwaysAllowed(req)) return { approved: true };
    let always: string | undefined;
    const options: acp.PermissionOption[] = [{ optionId: ALLOW_ONCE, name: req.type === 'command' ? 'Run once' : req.type === 'edit' ? 'Apply' : 'Allow once', kind: 'allow_once' }];
    if (req.type === 'command') {
      const offer = await alwaysAllowPattern(req.command).catch(() => undefined);
      if (offer && 'pattern' in offer) {
        always = offer.pattern;
        const shown = escapeHiddenUnicode(offer.pattern.slice(1)).text;
        options.push({ optionId: ALLOW_ALWAYS, name: `Always allow exactly \`${shown}\` in this session`, kind: 'allow_always' }, { optionId: ALLOW_WORKSPACE, name: `Always allow exactly \`${shown}\` in this workspace (remembered)`, kind: 'allow_always' });
      }
    } else if (req.type === 'tool') {
      always = req.toolName;
      options.push({ optionId: ALLOW_ALWAYS, name: 'Always allow', kind: 'allow_always' });
    } else if (req.type === 'edit' && editAlwaysAllowed(req)) {
      always = 'edits';
      options.push({ optionId: ALLOW_ALWAYS, name: 'Always allow edits in this session (auto-edit; protected files and high findings still ask)', kind: 'allow_always' });
    }
    options.push({ optionId: REJECT, name: 'Reject', kind: 'reject_once' });
    if (rejectAs) options.push({ optionId: REJECT_ALWAYS, name: req.type === 'command' ? 'Always reject this exact command in this session' : 'Always reject in this session', kind: 'reject_always' });
    let response: acp.RequestPermissionResponse;
    try {
      response = await this.ask({ sessionId: this.sessionId, toolCall: this.toolCall(req), options }, signal);
    } catch (err) {
      return { approved: false, reason: signal.aborted ? 'Cancelled.' : `The editor did not answer the permission request (${(err as Error).message}); nothing was applied.` };
    }
    const outcome = response.outcome;
    if (outcome.outcome === 'cancelled' || signal.aborted) return { approved: false, reason: 'Cancelled.' };
    if (outcome.optionId === ALLOW_ONCE) return { approved: true };
    if ((outcome.optionId === ALLOW_ALWAYS || (outcome.optionId === ALLOW_WORKSPACE && req.type === 'command')) && always) {
      if (req.type === 'edit') {
        this.memory.allowEdits();
        return { approved: true };
      }
      if (req.type === 'command' && !this.memory.allowedCommands.includes(always)) this.memory.allowedCommands.push(always);
      if (req.type === 'command' && outcome.optionId === ALLOW_WORKSPACE) await this.memory.persistCommand(always);
      return { approved: true, remember: true };
    }
    if (outcome.optionId === REJECT) return { approved: false, reason: 'The user rejected it.' };
    if (outcome.optionId === REJECT_ALWAYS && rejectAs) {
      this.memory.rejected.add(rejectAs);
      return { approved: false, reason: 'The user rejected it, and will reject it for the rest of this session.' };
    }
    return { approved: false, reason: `The editor answered with an option that was not offered (${JSON.stringify(outcome.optionId).slice(0, 80)}); nothing was applied.` };
  }

  private toolCall(req: ApprovalRequest): acp.ToolCallUpdate {
    const base = { toolCallId: req.toolCallId, status: 'pending' as const };
    switch (req.type) {
      case 'edit': {
        const notes = req.changes.some((c) => escapeHiddenUnicode(c.diff).escaped) ? [hiddenUnicodeWarning('edit')] : [];
        // Each finding says whose it is: [guard] or [model] (the reviewer's), and a failed review says so.
        if (req.findings?.length) notes.push(...req.findings.map(findingLine));
        if (req.review && req.review.status !== 'skipped') notes.push(...reviewLines(req.review).slice(0, 1));
        return {
          ...base,
          kind: 'edit',
          title: `Apply changes to ${req.changes.map((c) => c.newPath ?? c.path).join(', ')}`,
          content: [...diffContent(this.root, req.changes), ...(notes.length ? [textContent(notes.join('\n'))] : [])],
          locations: req.changes.map((c) => ({ path: path.join(this.root, c.newPath ?? c.path) })),
        };
      }
      case 'command':
        return { ...base, kind: 'execute', title: `Run \`${escapeHiddenUnicode(req.command).text}\``, content: [textContent(describeRequest(req))] };
      case 'read':
        return { ...base, kind: 'read', title: `Read ${req.path}`, content: [textContent(describeRequest(req))], locations: [{ path: path.join(this.root, req.path) }] };
      case 'tool':
        return { ...base, kind: 'other', title: req.toolName, content: [textContent(describeRequest(req))], rawInput: req.args };
    }
  }
}
