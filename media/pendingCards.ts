// The cards waiting for a decision, under the conversation: each proposed change (its hunks, each
// decided on its own, or its whole diff; guard and reviewer findings; the reason box; Approve / Reject /
// View diff) and each command, read or tool question (commands: commandCard.ts). main.ts renders it
// with every state; the clicks are handled there and in hunkCard.ts.
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../src/protocol/hiddenUnicode';
import type { PanelState } from '../src/protocol/messages';
import { isCommandCard, renderCommandCard } from './commandCard';
import { renderDiff } from './diffView';
import { el } from './dom';
import { cardButtons, renderHunks } from './hunkCard';
import { renderReview } from './reviewLine';

export function renderPending(pending: HTMLElement, s: PanelState): void {
  pending.replaceChildren();
  if (s.changes.length > 1) {
    const all = el('div', { class: 'row' });
    all.append(
      el('button', { 'data-testid': 'approve-all', 'data-action': 'approveAll' }, `Approve all (${s.changes.length})`),
      el('button', { 'data-testid': 'reject-all', 'data-action': 'rejectAll', class: 'secondary' }, 'Reject all'),
    );
    pending.append(all);
  }
  for (const c of s.changes) {
    const card = el('div', { class: 'card', 'data-testid': 'change', 'data-change': c.id, 'data-path': c.path, role: 'group', 'aria-label': `Proposed change to ${c.path}` });
    const title = el('div', { class: 'card-title' });
    title.append(el('i', { class: 'codicon codicon-diff' }), el('span', { class: 'path' }, c.kind === 'move' ? `${c.path} → ${c.newPath}` : c.path), el('span', { class: 'added' }, `+${c.added}`), el('span', { class: 'removed' }, `−${c.removed}`));
    const reason = el('input', { type: 'text', class: 'reason', placeholder: 'Reason for rejecting (optional)', 'aria-label': `Reason for rejecting the change to ${c.path}` });
    const row = el('div', { class: 'row' });
    row.append(...cardButtons(c));
    // Several hunks: each decided on its own (hunkCard.ts); else the whole diff.
    const hunks = renderHunks(c);
    const diff = hunks ? { pre: hunks.list, escaped: hunks.escaped } : renderDiff(c.diff);
    card.append(title, diff.pre);
    if (diff.escaped) card.append(el('div', { class: 'hidden-unicode', 'data-testid': 'hidden-unicode', role: 'alert' }, hiddenUnicodeWarning('edit')));
    for (const f of c.findings ?? []) {
      const item = el('div', { class: `finding ${f.severity}`, 'data-testid': 'finding', 'data-rule': f.ruleId, 'data-source': f.source ?? 'guard', role: 'note' });
      // The model reviewer's findings are marked as such: an opinion, beside the guard's rules.
      const badge = f.source === 'model' ? [el('span', { class: 'finding-source', 'data-testid': 'finding-source' }, 'model')] : [];
      item.append(el('i', { class: `codicon codicon-${f.severity === 'high' ? 'shield' : 'warning'}` }), ...badge, el('span', {}, `Line ${f.line}: ${f.message} (${f.cwe || 'no CWE'}, ${f.ruleId}) — ${f.fix}`));
      card.append(item);
    }
    if (c.review) card.append(renderReview(c.review));
    card.append(reason, row);
    pending.append(card);
  }
  for (const q of s.decisions) {
    if (isCommandCard(q)) {
      pending.append(renderCommandCard(q));
      continue;
    }
    const card = el('div', { class: 'card', 'data-testid': 'command-approval', 'data-request': q.requestId, role: 'group', 'aria-label': q.kind === 'command' ? 'Command waiting for approval' : q.kind === 'read' ? 'File read waiting for approval' : 'Tool call waiting for approval' });
    const what = q.kind === 'command' ? 'Run this command?' : q.kind === 'read' ? 'Let Tandem read this file?' : 'Call this tool?';
    // Shown escaped: a bidi override or zero-width character must not hide what really runs.
    const subject = escapeHiddenUnicode(q.subject);
    const detail = escapeHiddenUnicode(q.detail);
    card.append(el('div', { class: 'card-title' }, what), el('pre', { class: 'command' }, subject.text));
    if (subject.escaped || detail.escaped) card.append(el('div', { class: 'hidden-unicode', 'data-testid': 'hidden-unicode', role: 'alert' }, hiddenUnicodeWarning(q.kind)));
    if (q.detail) card.append(el('div', { class: 'detail' }, q.kind === 'command' ? `in ${detail.text}` : detail.text));
    card.append(el('div', { class: 'detail' }, escapeHiddenUnicode(q.reason).text));
    const row = el('div', { class: 'row' });
    row.append(
      el('button', { 'data-testid': 'run', 'data-action': 'allow', 'data-request': q.requestId }, q.kind === 'command' ? 'Run' : 'Allow'),
      el('button', { 'data-testid': 'deny', 'data-action': 'deny', 'data-request': q.requestId, class: 'secondary' }, 'Deny'),
    );
    if (q.kind === 'tool') row.append(el('button', { 'data-testid': 'always-allow', 'data-action': 'always', 'data-request': q.requestId, class: 'secondary' }, 'Always allow this tool'));
    card.append(row);
    pending.append(card);
  }
}
