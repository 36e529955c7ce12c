// The card a task's turn ends with: "N files changed", each file with its +added / −removed lines as
// a link that opens the diff of what the turn changed in it, and how the last test run (else the
// last command) ended. main.ts renders it for `summary` items and installs its click handler once.
import './summaryCard.css';
import type { SummaryItem } from '../src/protocol/followViews';
import type { ToExtension } from '../src/protocol/messages';
import { el } from './dom';

type Post = (m: ToExtension) => void;

export function renderSummaryCard(item: SummaryItem): HTMLElement {
  const card = el('div', { class: 'card summary-card', 'data-testid': 'summary-card', role: 'group', 'aria-label': 'What this task changed' });
  const head = el('div', { class: 'card-title' });
  head.append(el('i', { class: 'codicon codicon-checklist' }), el('span', { class: 'summary-title' }, item.title));
  if (item.check) {
    const { passed, isTest, command } = item.check;
    const label = `${isTest ? 'tests' : 'last command'} ${passed ? 'passed' : 'failed'}`;
    const check = el('span', { class: `summary-check ${passed ? 'passed' : 'failed'}`, 'data-testid': 'summary-check', 'data-passed': String(passed), title: command });
    check.append(el('i', { class: `codicon codicon-${passed ? 'pass' : 'error'}` }), document.createTextNode(` ${label}`));
    head.append(check);
  }
  card.append(head);
  if (item.files.length) {
    const list = el('ul', { class: 'summary-files' });
    for (const f of item.files) {
      const li = el('li');
      const name = f.from ? `${f.from} → ${f.path}` : f.path;
      const note = f.created ? ' (new)' : f.deleted ? ' (deleted)' : '';
      const link = el('button', { class: 'link', 'data-testid': 'summary-file', 'data-summary-item': item.id, 'data-path': f.path, title: `Open the diff of what this task changed in ${f.path}` }, name + note);
      li.append(link, el('span', { class: 'added' }, `+${f.added}`), el('span', { class: 'removed' }, `−${f.removed}`));
      list.append(li);
    }
    card.append(list);
  }
  if (item.check) card.append(el('div', { class: 'summary-command' }, item.check.command));
  return card;
}

/** One click handler for every summary card's file links. */
export function installSummaryActions(app: HTMLElement, post: Post): void {
  app.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLElement>('button[data-summary-item]');
    if (b) post({ type: 'openSummaryDiff', itemId: b.dataset.summaryItem ?? '', path: b.dataset.path ?? '' });
  });
}
