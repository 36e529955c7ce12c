// Keeps the keyboard where the user works through waiting cards: after a decision (Approve, Reject,
// Run, Deny, a hunk's Approve / Reject — by keyboard or mouse) the panel re-renders, which would drop
// focus to the page; instead the next thing waiting takes it: the card's next undecided hunk, else the
// card that took the decided one's place (else the last), or the prompt once nothing waits — and while
// the task runs on, the next card the agent asks with, if the prompt is still untouched by then.

interface Decided {
  /** The card's data-change or data-request. */
  key: string;
  index: number;
}

let decided: Decided | undefined;
/** The last card was decided and the prompt took focus: the next card to arrive takes it back. */
let awaiting = false;

const cardKey = (card: Element) => (card as HTMLElement).dataset.change ?? (card as HTMLElement).dataset.request ?? '';
const cardsOf = (pending: HTMLElement) => Array.from(pending.querySelectorAll<HTMLElement>('.card')).filter((c) => c.querySelector('button[data-action], button[data-hunk-action]'));

/** Remembers the card whose button was pressed (call before posting the decision). */
export function decidedFrom(button: HTMLElement, pending: HTMLElement): void {
  const card = button.closest<HTMLElement>('.card');
  if (!card || !pending.contains(card)) return;
  decided = { key: cardKey(card), index: cardsOf(pending).indexOf(card) };
  awaiting = false;
}

const firstButton = (card: HTMLElement | undefined) => card?.querySelector<HTMLElement>('[data-hunk-action=approve]') ?? card?.querySelector<HTMLElement>('.row button:not([disabled])') ?? undefined;

/** After a render: when focus was lost, the next undecided hunk, the next card's first button or the prompt takes it. */
export function refocus(pending: HTMLElement, prompt: HTMLTextAreaElement, running: boolean): void {
  if (awaiting) {
    const card = cardsOf(pending)[0];
    if (!running || document.activeElement !== prompt || prompt.value !== '') awaiting = false;
    else if (card) {
      awaiting = false;
      firstButton(card)?.focus();
    }
    return;
  }
  if (!decided) return;
  const active = document.activeElement;
  if (active && active !== document.body && document.contains(active)) {
    if (!pending.contains(active)) decided = undefined; // the user moved on: leave focus alone
    return;
  }
  const cards = cardsOf(pending);
  const same = cards.find((c) => cardKey(c) === decided!.key);
  if (same) {
    // Not decided yet (or only a hunk of it): stay on it, at its next undecided hunk if any.
    firstButton(same)?.focus();
    return;
  }
  const next = cards[Math.min(decided.index, cards.length - 1)];
  decided = undefined;
  awaiting = !next;
  (firstButton(next) ?? prompt).focus();
}
