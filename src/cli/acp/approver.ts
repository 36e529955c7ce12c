// Owns approvals over ACP: what Tandem's policy would ask about (an edit, a command, an MCP tool, a
// secret file to read) becomes `session/request_permission`, with the options the panel offers —
// allow once, reject, and "always allow" only where the panel has it: a command gets the exact entry
// core/policy/alwaysAllow offers (`=npm test`, never wider; kept for this session), an MCP tool is
// remembered by its definition. Edits show their diff. A cancelled prompt, a client that cannot
// answer, or an answer naming no offered option is a refusal: nothing is applied without a yes.
import * as path from 'node:path';
import type * as acp from '@agentclientprotocol/sdk';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../../core/changes/approval';
import { alwaysAllowPattern } from '../../core/policy/alwaysAllow';
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../../protocol/hiddenUnicode';
import { describeRequest } from '../terminalApprover';
import { diffContent, textContent } from './toolCalls';

export type PermissionAsker = (params: acp.RequestPermissionRequest, signal: AbortSignal) => Promise<acp.RequestPermissionResponse>;

const ALLOW_ONCE = 'allow-once';
const ALLOW_ALWAYS = 'allow-always';
const REJECT = 'reject';

export class AcpApprover implements Approver {
  constructor(
    private readonly sessionId: string,
    private readonly root: string,
    private readonly ask: PermissionAsker,
    /** The session's allowed commands: an "always" answer adds its exact entry here. */
    private readonly allowedCommands: string[],
  ) {}

  async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return { approved: false, reason: 'Cancelled.' };
    let always: string | undefined;
    let alwaysLabel = 'Always allow';
    if (req.type === 'command') {
      const offer = await alwaysAllowPattern(req.command).catch(() => undefined);
      if (offer && 'pattern' in offer) {
        always = offer.pattern;
        alwaysLabel = `Always allow exactly \`${escapeHiddenUnicode(offer.pattern.slice(1)).text}\` in this session`;
      }
    } else if (req.type === 'tool') always = req.toolName;
    const options: acp.PermissionOption[] = [
      { optionId: ALLOW_ONCE, name: req.type === 'command' ? 'Run once' : req.type === 'edit' ? 'Apply' : 'Allow once', kind: 'allow_once' },
      ...(always ? [{ optionId: ALLOW_ALWAYS, name: alwaysLabel, kind: 'allow_always' as const }] : []),
      { optionId: REJECT, name: 'Reject', kind: 'reject_once' },
    ];
    let response: acp.RequestPermissionResponse;
    try {
      response = await this.ask({ sessionId: this.sessionId, toolCall: this.toolCall(req), options }, signal);
    } catch (err) {
      return { approved: false, reason: signal.aborted ? 'Cancelled.' : `The editor did not answer the permission request (${(err as Error).message}); nothing was applied.` };
    }
    const outcome = response.outcome;
    if (outcome.outcome === 'cancelled' || signal.aborted) return { approved: false, reason: 'Cancelled.' };
    if (outcome.optionId === ALLOW_ONCE) return { approved: true };
    if (outcome.optionId === ALLOW_ALWAYS && always) {
      if (req.type === 'command' && !this.allowedCommands.includes(always)) this.allowedCommands.push(always);
      return { approved: true, remember: true };
    }
    if (outcome.optionId === REJECT) return { approved: false, reason: 'The user rejected it.' };
    return { approved: false, reason: `The editor answered with an option that was not offered (${JSON.stringify(outcome.optionId).slice(0, 80)}); nothing was applied.` };
  }

  private toolCall(req: ApprovalRequest): acp.ToolCallUpdate {
    const base = { toolCallId: req.toolCallId, status: 'pending' as const };
    switch (req.type) {
      case 'edit': {
        const notes = req.changes.some((c) => escapeHiddenUnicode(c.diff).escaped) ? [hiddenUnicodeWarning('edit')] : [];
        if (req.findings?.length) notes.push(...req.findings.map((f) => `${f.severity.toUpperCase()} ${f.ruleId} (${f.cwe}) ${f.path}:${f.line}: ${f.message} Fix: ${f.fix}`));
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
