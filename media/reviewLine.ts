// The model reviewer's line on a change card: who reviewed it, how long it took and what it cost
// (when the model has a price), or — loudly — that the review failed, so a missing opinion never
// reads as "no issues".
import type { ChangeCard } from '../src/protocol/messages';
import { el } from './dom';

type Review = NonNullable<ChangeCard['review']>;

function cost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toPrecision(2)}`;
}

export function renderReview(r: Review): HTMLElement {
  if (r.status === 'failed') {
    const line = el('div', { class: 'review failed', 'data-testid': 'review', 'data-status': 'failed', role: 'alert' });
    line.append(el('i', { class: 'codicon codicon-error' }), el('span', {}, r.note ?? `The reviewer (${r.model}) failed; its opinion is missing.`));
    return line;
  }
  const parts = [`${(r.durationMs / 1000).toFixed(1)} s`, ...(r.tokens !== undefined ? [`${r.tokens} tokens`] : []), ...(r.costUsd !== undefined ? [cost(r.costUsd)] : [])];
  const line = el('div', { class: 'review', 'data-testid': 'review', 'data-status': r.status, role: 'note' });
  line.append(el('i', { class: 'codicon codicon-eye' }), el('span', {}, `Reviewed by ${r.model} · ${parts.join(' · ')}`));
  return line;
}
