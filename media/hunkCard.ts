// A change card's hunks, each decided on its own where the user reads it: every hunk shows its lines
// (diffView.ts) under a header with Approve / Reject and, once decided, its verdict; the card says how
// many are decided, and its whole-card buttons then decide only the rest. The extension applies the
// approved hunks once every hunk has a verdict and tells the model which were rejected.
import type { ChangeCard, ToExtension } from '../src/protocol/messages';
import { el, iconButton } from './dom';
import { renderDiff } from './diffView';
import './hunkCard.css';

type Hunk = NonNullable<ChangeCard['hunks']>[number];

function lineRange(h: Hunk): string {
  const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(h.text);
  const from = m ? Number(m[1]) : h.newStart;
  const count = m?.[2] !== undefined ? Number(m[2]) : 1;
  return count > 1 ? `lines ${from}–${from + count - 1}` : `line ${from}`;
}

/** The hunks of a card with several (undefined: show the card's whole diff), and whether any hunk escaped hidden Unicode. */
export function renderHunks(c: ChangeCard): { list: HTMLElement; escaped: boolean } | undefined {
  if (!c.hunks || c.hunks.length < 2) return undefined;
  const list = el('div', { class: 'hunks', 'data-testid': 'hunks' });
  const decided = c.hunks.filter((h) => h.verdict).length;
  list.append(el('div', { class: 'hunk-count', 'data-testid': 'hunk-count', role: 'status' }, `${decided} of ${c.hunks.length} hunks decided`));
  let escaped = false;
  for (const h of c.hunks) {
    const n = h.index + 1;
    const box = el('div', { class: `hunk-box ${h.verdict ?? 'open'}`, 'data-testid': 'hunk', 'data-index': String(h.index), 'data-verdict': h.verdict ?? '', role: 'group', 'aria-label': `Hunk ${n} of ${c.hunks.length}, ${lineRange(h)}${h.verdict ? `, ${h.verdict}` : ''}` });
    const head = el('div', { class: 'hunk-head' });
    head.append(el('span', { class: 'hunk-name' }, `Hunk ${n} · ${lineRange(h)}`));
    if (h.verdict) {
      const badge = el('span', { class: `hunk-verdict ${h.verdict}`, 'data-testid': 'hunk-verdict' });
      badge.append(el('i', { class: `codicon codicon-${h.verdict === 'approved' ? 'check' : 'close'}` }), document.createTextNode(` ${h.verdict === 'approved' ? 'Approved' : 'Rejected'}`));
      head.append(badge);
    } else {
      const attrs = { 'data-change': c.id, 'data-hunk': String(h.index) };
      head.append(
        iconButton('Approve', 'check', { ...attrs, 'data-testid': 'approve-hunk', 'data-hunk-action': 'approve', 'aria-label': `Approve hunk ${n}` }, false),
        iconButton('Reject', 'close', { ...attrs, 'data-testid': 'reject-hunk', 'data-hunk-action': 'reject', 'aria-label': `Reject hunk ${n}` }),
      );
    }
    const diff = renderDiff(h.text);
    escaped ||= diff.escaped;
    box.append(head, diff.pre);
    list.append(box);
  }
  return { list, escaped };
}

/** The card's own buttons: with some hunks decided, they decide the rest only. */
export function cardButtons(c: ChangeCard): HTMLElement[] {
  const open = c.hunks?.filter((h) => !h.verdict) ?? [];
  const partly = !!c.hunks && open.length < c.hunks.length;
  return [
    el('button', { 'data-testid': 'approve', 'data-action': partly ? 'approveRest' : 'approve', 'data-change': c.id }, partly ? `Approve the rest (${open.length})` : 'Approve'),
    el('button', { 'data-testid': 'reject', 'data-action': partly ? 'rejectRest' : 'reject', 'data-change': c.id, class: 'secondary' }, partly ? `Reject the rest (${open.length})` : 'Reject'),
    el('button', { 'data-testid': 'view-diff', 'data-action': 'viewDiff', 'data-change': c.id, class: 'secondary' }, 'View diff'),
  ];
}

/** Hunk buttons and "the rest" buttons; the card's reason box goes with a rejection. */
export function installHunkActions(root: HTMLElement, cards: () => ChangeCard[], post: (m: ToExtension) => void): void {
  root.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    if (!b) return;
    const reasonOf = () => (b.closest('.card')?.querySelector('.reason') as HTMLInputElement | null)?.value.trim() || undefined;
    const changeId = b.dataset.change ?? '';
    if (b.dataset.hunkAction) {
      const approve = b.dataset.hunkAction === 'approve';
      const reason = approve ? undefined : reasonOf();
      return post({ type: 'decideHunk', changeId, index: Number(b.dataset.hunk), approve, ...(reason ? { reason } : {}) });
    }
    if (b.dataset.action !== 'approveRest' && b.dataset.action !== 'rejectRest') return;
    const approve = b.dataset.action === 'approveRest';
    const reason = approve ? undefined : reasonOf();
    for (const h of cards().find((c) => c.id === changeId)?.hunks ?? []) if (!h.verdict) post({ type: 'decideHunk', changeId, index: h.index, approve, ...(reason ? { reason } : {}) });
  });
}
