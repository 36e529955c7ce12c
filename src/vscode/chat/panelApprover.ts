// Owns the panel's side of approvals: each proposed change becomes a card and each command, read or
// tool call a question in the panel state; the loop's request resolves exactly once — when the user
// answers from the panel, or when the turn is stopped (one abort listener per request, removed when
// it resolves).
import * as vscode from 'vscode';
import { splitHunks } from '../../core/edits/hunks';
import type { ApprovalDecision, ApprovalRequest, Approver, RejectedHunks } from '../../core/changes/approval';
import type { ProposedChange } from '../../core/changes/change';
import type { ReviewOutcome } from '../../core/changes/review';
import type { PanelState, PendingDecision } from '../../protocol/messages';
import type { ProposalDocuments } from './proposals';
import { allowInWorkspace, commandFolder, offerAlways } from './commandQuestion';
import { alwaysAllowPattern } from '../../core/policy/alwaysAllow';

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
  private readonly decisions = new Map<string, { question: PendingDecision; answer: (allow: boolean, remember?: boolean, command?: string) => void }>();
  /** Exact command entries allowed "always" in this session: they apply before the agent is rebuilt with the new setting. */
  private readonly alwaysCommands = new Set<string>();
  /** Commands the user edited before running, by tool call (the terminal mirror shows what really ran). */
  private readonly edited = new Map<string, string>();
  private readonly hunkReasons = new Map<string, Map<number, string | undefined>>();

  constructor(
    private readonly cards: () => PanelState['changes'],
    private readonly update: (mut: (s: PanelState) => void) => void,
    private readonly proposals: ProposalDocuments,
    private readonly refuse: (message: string) => false,
  ) {}

  async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (!vscode.workspace.isTrusted && req.type !== 'read') return { approved: false, reason: UNTRUSTED };
    if (req.type === 'command' && this.alwaysCommands.size > 0) {
      const offer = await alwaysAllowPattern(req.command).catch(() => undefined);
      if (offer && 'pattern' in offer && this.alwaysCommands.has(offer.pattern)) return { approved: true };
    }
    return new Promise((resolve) => {
      let settle: (d: ApprovalDecision) => void = () => {};
      const onAbort = () => settle({ approved: false, reason: 'The task was stopped.' });
      const finish = (d: ApprovalDecision) => {
        signal.removeEventListener('abort', onAbort);
        resolve(d);
      };
      if (req.type === 'edit') settle = this.addEdit(req.changes, req.findings, finish, req.review);
      else settle = this.addQuestion(req, finish);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Shows the change cards; returns the function that settles them (once). */
  private addEdit(changes: ProposedChange[], findings: Extract<ApprovalRequest, { type: 'edit' }>['findings'], finish: (d: ApprovalDecision) => void, review?: ReviewOutcome): (d: ApprovalDecision) => void {
    const key = nextId('e');
    for (const c of changes) this.proposals.remember(c);
    const resolve = (d: ApprovalDecision) => {
      if (!this.edits.delete(key)) return;
      this.update((s) => (s.changes = s.changes.filter((c) => !changes.some((r) => r.id === c.id))));
      // The change's diff tabs close before the loop applies it (proposalTabs.ts says why that is safe to wait for).
      this.proposals.settle(changes.map((c) => c.id)).then(
        () => finish(d),
        (err: unknown) => (this.tabNotice(err), finish(d)),
      );
    };
    this.edits.set(key, { changes, verdicts: new Map(), resolve });
    const findingsOf = (p: string) => findings?.filter((f) => f.path === p).map(({ ruleId, cwe, severity, message, fix, line, source }) => ({ ruleId, cwe, severity, message, fix, line, ...(source ? { source } : {}) }));
    // The reviewer's run (model, time, cost, or its failure) is shown once, on the edit's first card.
    const reviewCard = review && review.status !== 'skipped' ? { status: review.status, model: review.model, durationMs: review.durationMs, ...(review.inputTokens !== undefined ? { tokens: review.inputTokens + (review.outputTokens ?? 0) } : {}), ...(review.costUsd !== undefined ? { costUsd: review.costUsd } : {}), ...(review.note ? { note: review.note } : {}) } : undefined;
    // A change to an existing file with several hunks can be decided hunk by hunk.
    const hunksOf = (c: ProposedChange) => {
      if (c.kind !== 'update' && c.kind !== 'move') return undefined;
      const hunks = splitHunks(c.oldText ?? '', c.newText ?? '');
      return hunks.length > 1 ? hunks.map(({ index, text, oldStart, newStart }) => ({ index, text, oldStart, newStart })) : undefined;
    };
    this.update((s) => s.changes.push(...changes.map((c, i) => ({ id: c.id, path: c.path, kind: c.kind, newPath: c.newPath, added: c.added, removed: c.removed, diff: c.diff, hunks: hunksOf(c), findings: findingsOf(c.newPath ?? c.path), ...(i === 0 && reviewCard ? { review: reviewCard } : {}) }))));
    // A diff still showing an older proposal for one of these files (or one just rejected from its diff) shows the new one.
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (root) for (const c of changes) this.proposals.supersede(root, c, findingsOf(c.newPath ?? c.path)).catch((err: unknown) => this.tabNotice(err));
    this.proposals.endReviews();
    return resolve;
  }

  private addQuestion(req: Exclude<ApprovalRequest, { type: 'edit' }>, finish: (d: ApprovalDecision) => void): (d: ApprovalDecision) => void {
    const requestId = nextId('q');
    const pending: PendingDecision =
      req.type === 'command'
        ? { requestId, kind: 'command', subject: req.command, detail: commandFolder(req.cwd), reason: req.reason }
        : req.type === 'read'
          ? { requestId, kind: 'read', subject: req.path, detail: '', reason: req.reason }
          : { requestId, kind: 'tool', subject: req.toolName, detail: JSON.stringify(req.args, null, 2), reason: req.reason };
    const resolve = (d: ApprovalDecision) => {
      if (!this.decisions.delete(requestId)) return;
      this.update((s) => (s.decisions = s.decisions.filter((q) => q.requestId !== requestId)));
      finish(d);
    };
    const answer = (allow: boolean, remember?: boolean, command?: string) => {
      if (command !== undefined && req.type === 'command') this.edited.set(req.toolCallId, command);
      resolve(allow ? { approved: true, ...(remember ? { remember: true } : {}), ...(command !== undefined ? { command } : {}) } : { approved: false, reason: 'The user denied it.' });
    };
    this.decisions.set(requestId, { question: pending, answer });
    this.update((s) => s.decisions.push(pending));
    if (req.type === 'command') void offerAlways(pending).then((offer) => this.decisions.has(requestId) && this.update(() => Object.assign(pending, offer)));
    return resolve;
  }

  /**
   * The user's answer to a command, read or tool question. A command may be edited before it runs
   * (run_command judges it again), or always allowed — only by the exact entry its card showed.
   */
  async decide(requestId: string, allow: boolean, remember?: boolean, command?: string): Promise<boolean> {
    const entry = this.decisions.get(requestId);
    if (!entry) return this.refuse('That question is no longer waiting for an answer.');
    const q = entry.question;
    if (command !== undefined && (q.kind !== 'command' || !allow || remember)) return this.refuse('Only a command can be edited, and an edited command is run once, not always allowed.');
    if (remember && q.kind === 'command') {
      if (!q.alwaysPattern) return this.refuse(`This command cannot be always allowed: ${q.alwaysRefused ?? 'it is still being checked'}. Run it once instead.`);
      const pattern = q.alwaysPattern;
      let said: string;
      try {
        said = await allowInWorkspace(pattern);
      } catch (err) {
        return this.refuse(`The command was not added to the allowed commands: ${(err as Error).message}`);
      }
      this.alwaysCommands.add(pattern);
      this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text: said, level: 'info' }));
    }
    entry.answer(allow, remember, command);
    return true;
  }

  /** The command the user edited before it ran, for a tool call. */
  editedCommand(toolCallId: string): string | undefined {
    return this.edited.get(toolCallId);
  }

  /** The user's verdict on one change card; the request resolves when every card has one. */
  decideChange(changeId: string, d: ApprovalDecision): boolean {
    const entry = [...this.edits.values()].find((e) => e.changes.some((c) => c.id === changeId));
    if (!entry || entry.verdicts.has(changeId)) return this.refuse('That change is no longer waiting for approval.');
    entry.verdicts.set(changeId, d);
    this.update((s) => (s.changes = s.changes.filter((c) => c.id !== changeId)));
    // Its diff tab closes now, not when the request's last card is decided.
    this.proposals.settle([changeId], { rejected: !d.approved }).catch((err: unknown) => this.tabNotice(err));
    if (entry.verdicts.size === entry.changes.length) {
      const verdicts = [...entry.verdicts.values()];
      const rejected = verdicts.find((v) => !v.approved);
      const rejectedHunks = Object.assign({}, ...verdicts.map((v) => (v.approved ? (v.rejectedHunks ?? {}) : {}))) as Record<string, RejectedHunks>;
      entry.resolve(rejected ?? { approved: true, ...(Object.keys(rejectedHunks).length ? { rejectedHunks } : {}) });
    }
    return true;
  }

  /**
   * The user's verdict on one hunk of a card. Once every hunk has one the card is decided: all
   * approved applies the change, all rejected rejects it, a mix applies the approved hunks only.
   */
  decideHunk(changeId: string, index: number, approve: boolean, reason?: string): boolean {
    const card = this.cards().find((c) => c.id === changeId);
    const hunk = card?.hunks?.find((h) => h.index === index);
    if (!card?.hunks || !hunk) return this.refuse('That hunk is no longer waiting for approval.');
    this.update(() => (hunk.verdict = approve ? 'approved' : 'rejected'));
    const reasons = this.hunkReasons.get(changeId) ?? new Map<number, string | undefined>();
    this.hunkReasons.set(changeId, reasons.set(index, reason));
    if (card.hunks.some((h) => !h.verdict)) return true;
    this.hunkReasons.delete(changeId);
    const rejected = card.hunks.filter((h) => h.verdict === 'rejected').map((h) => ({ index: h.index, ...(reasons.get(h.index) ? { reason: reasons.get(h.index) } : {}) }));
    if (rejected.length === 0) return this.decideChange(changeId, { approved: true });
    if (rejected.length === card.hunks.length) return this.decideChange(changeId, { approved: false, reason: rejected.map((r) => r.reason).filter(Boolean).join('; ') || undefined });
    return this.decideChange(changeId, { approved: true, rejectedHunks: { [changeId]: rejected } });
  }

  private tabNotice(err: unknown): void {
    this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text: `A diff tab of the change could not be updated: ${(err as Error).message}`, level: 'error' }));
  }

  /** A change still waiting for approval. */
  pendingChange(changeId: string): ProposedChange | undefined {
    return [...this.edits.values()].flatMap((e) => e.changes).find((c) => c.id === changeId);
  }
}
