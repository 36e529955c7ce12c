// Owns the panel's side of approvals: each proposed change becomes a card and each command, read or
// tool call a question in the panel state; the loop's request resolves exactly once — when the user
// answers from the panel, or when the turn is stopped (one abort listener per request, removed when
// it resolves).
import * as vscode from 'vscode';
import type { ApprovalDecision, ApprovalRequest, Approver, ProposedChange } from '../../core/tools/types';
import type { PanelState, PendingDecision } from '../../protocol/messages';
import type { ProposalDocuments } from './proposals';

export const UNTRUSTED = 'This workspace is not trusted: Tandem may read and answer here, but not edit files or run commands.';

interface PendingEdit {
  changes: ProposedChange[];
  verdicts: Map<string, ApprovalDecision>;
  resolve: (d: ApprovalDecision) => void;
}

let seq = 0;
const nextId = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

export class PanelApprover implements Approver {
  private readonly edits = new Map<string, PendingEdit>();
  private readonly decisions = new Map<string, (allow: boolean, remember?: boolean) => void>();

  constructor(
    private readonly update: (mut: (s: PanelState) => void) => void,
    private readonly proposals: ProposalDocuments,
    private readonly refuse: (message: string) => false,
  ) {}

  request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (!vscode.workspace.isTrusted && req.type !== 'read') return Promise.resolve({ approved: false, reason: UNTRUSTED });
    return new Promise((resolve) => {
      let settle: (d: ApprovalDecision) => void = () => {};
      const onAbort = () => settle({ approved: false, reason: 'The task was stopped.' });
      const finish = (d: ApprovalDecision) => {
        signal.removeEventListener('abort', onAbort);
        resolve(d);
      };
      if (req.type === 'edit') settle = this.addEdit(req.changes, req.findings, finish);
      else settle = this.addQuestion(req, finish);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Shows the change cards; returns the function that settles them (once). */
  private addEdit(changes: ProposedChange[], findings: Extract<ApprovalRequest, { type: 'edit' }>['findings'], finish: (d: ApprovalDecision) => void): (d: ApprovalDecision) => void {
    const key = nextId('e');
    for (const c of changes) this.proposals.remember(c);
    const resolve = (d: ApprovalDecision) => {
      if (!this.edits.delete(key)) return;
      for (const c of changes) this.proposals.forget(c.id);
      this.update((s) => (s.changes = s.changes.filter((c) => !changes.some((r) => r.id === c.id))));
      finish(d);
    };
    this.edits.set(key, { changes, verdicts: new Map(), resolve });
    const findingsOf = (p: string) => findings?.filter((f) => f.path === p).map(({ ruleId, cwe, severity, message, fix, line }) => ({ ruleId, cwe, severity, message, fix, line }));
    this.update((s) => s.changes.push(...changes.map(({ id, path, kind, newPath, added, removed, diff }) => ({ id, path, kind, newPath, added, removed, diff, findings: findingsOf(newPath ?? path) }))));
    return resolve;
  }

  private addQuestion(req: Exclude<ApprovalRequest, { type: 'edit' }>, finish: (d: ApprovalDecision) => void): (d: ApprovalDecision) => void {
    const requestId = nextId('q');
    const pending: PendingDecision =
      req.type === 'command'
        ? { requestId, kind: 'command', subject: req.command, detail: req.cwd, reason: req.reason }
        : req.type === 'read'
          ? { requestId, kind: 'read', subject: req.path, detail: '', reason: req.reason }
          : { requestId, kind: 'tool', subject: req.toolName, detail: JSON.stringify(req.args, null, 2), reason: req.reason };
    const resolve = (d: ApprovalDecision) => {
      if (!this.decisions.delete(requestId)) return;
      this.update((s) => (s.decisions = s.decisions.filter((q) => q.requestId !== requestId)));
      finish(d);
    };
    this.decisions.set(requestId, (allow, remember) => resolve(allow ? { approved: true, ...(remember ? { remember: true } : {}) } : { approved: false, reason: 'The user denied it.' }));
    this.update((s) => s.decisions.push(pending));
    return resolve;
  }

  /** The user's answer to a command, read or tool question. */
  decide(requestId: string, allow: boolean, remember?: boolean): boolean {
    const answer = this.decisions.get(requestId);
    if (!answer) return this.refuse('That question is no longer waiting for an answer.');
    answer(allow, remember);
    return true;
  }

  /** The user's verdict on one change card; the request resolves when every card has one. */
  decideChange(changeId: string, d: ApprovalDecision): boolean {
    const entry = [...this.edits.values()].find((e) => e.changes.some((c) => c.id === changeId));
    if (!entry || entry.verdicts.has(changeId)) return this.refuse('That change is no longer waiting for approval.');
    entry.verdicts.set(changeId, d);
    this.update((s) => (s.changes = s.changes.filter((c) => c.id !== changeId)));
    if (entry.verdicts.size === entry.changes.length) {
      const rejected = [...entry.verdicts.values()].find((v) => !v.approved);
      entry.resolve(rejected ?? { approved: true });
    }
    return true;
  }

  /** A change still waiting for approval. */
  pendingChange(changeId: string): ProposedChange | undefined {
    return [...this.edits.values()].flatMap((e) => e.changes).find((c) => c.id === changeId);
  }
}
