// The parts pinned above the prompt — the plan checklist and the change cards — fold to their title
// line with a chevron (a folded change card keeps its Approve / Reject row), and together never take
// more than about half the panel (they scroll), so the conversation stays readable in a short or
// narrow panel. Folded parts stay folded across re-renders (by plan, or by change id).
import { el } from './dom';
import './pinned.css';

const folded = new Set<string>();

function keyOf(card: HTMLElement): string | undefined {
  if (card.dataset.testid === 'plan') return 'plan';
  return card.dataset.change ? `change:${card.dataset.change}` : undefined;
}

/** Adds the fold buttons to the pinned cards just rendered and folds the ones folded before. */
export function applyPins(root: HTMLElement): void {
  for (const card of Array.from(root.querySelectorAll<HTMLElement>('.conversation [data-testid=plan], .pending [data-testid=change]'))) {
    const key = keyOf(card);
    const title = card.querySelector<HTMLElement>(':scope > .card-title');
    if (!key || !title || title.querySelector('[data-testid=fold-pinned]')) continue;
    const isFolded = folded.has(key);
    card.classList.toggle('pinned-folded', isFolded);
    const what = key === 'plan' ? 'the plan' : `the change to ${card.dataset.path ?? 'this file'}`;
    const b = el('button', { class: 'icon fold-pinned', 'data-testid': 'fold-pinned', 'data-pin': key, 'aria-expanded': String(!isFolded), title: isFolded ? `Show ${what}` : `Fold ${what}`, 'aria-label': isFolded ? `Show ${what}` : `Fold ${what}` });
    b.append(el('i', { class: `codicon codicon-chevron-${isFolded ? 'right' : 'down'}` }));
    title.prepend(b);
  }
}

/** One click handler for every fold button. */
export function installPinActions(root: HTMLElement, rerender: () => void): void {
  root.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLElement>('[data-testid=fold-pinned]');
    const key = b?.dataset.pin;
    if (!key) return;
    if (!folded.delete(key)) folded.add(key);
    rerender();
    root.querySelector<HTMLElement>(`[data-testid=fold-pinned][data-pin="${CSS.escape(key)}"]`)?.focus();
  });
}
