// The command card: the exact command (hidden Unicode shown escaped), the folder it runs in as a
// path, why it asks, and Run / Run and always allow (showing the exact entry it adds, or why none is
// offered) / Edit (the edited command is judged again before it runs) / Deny.
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../src/protocol/hiddenUnicode';
import type { PendingDecision, ToExtension } from '../src/protocol/messages';
import { el, iconButton } from './dom';
import './commandCard.css';

/** Drafts of commands being edited, by request: they survive the panel re-rendering. */
const drafts = new Map<string, string>();
const shown = new Map<string, PendingDecision>();

/** Whether this module renders the question (commands; read and tool questions stay main.ts's). */
export function isCommandCard(q: PendingDecision): boolean {
  return q.kind === 'command';
}

export function renderCommandCard(q: PendingDecision): HTMLElement {
  shown.set(q.requestId, q);
  const card = el('div', { class: 'card command-card', 'data-testid': 'command-approval', 'data-request': q.requestId });
  const subject = escapeHiddenUnicode(q.subject);
  const folder = escapeHiddenUnicode(q.detail);
  card.append(el('div', { class: 'card-title' }, 'Run this command?'));
  const draft = drafts.get(q.requestId);
  if (draft !== undefined) {
    const box = el('textarea', { class: 'command-edit', 'data-testid': 'command-edit', 'data-request': q.requestId, rows: '3', spellcheck: 'false', 'aria-label': 'The command to run' }) as HTMLTextAreaElement;
    box.value = draft;
    card.append(box);
  } else card.append(el('pre', { class: 'command' }, subject.text));
  if (subject.escaped || folder.escaped) card.append(el('div', { class: 'hidden-unicode', 'data-testid': 'hidden-unicode', role: 'alert' }, hiddenUnicodeWarning('command')));
  const where = el('div', { class: 'detail folder', 'data-testid': 'command-folder', title: folder.text });
  where.append(el('i', { class: 'codicon codicon-folder' }), el('span', {}, folder.text));
  card.append(where, el('div', { class: 'detail' }, escapeHiddenUnicode(q.reason).text));
  const row = el('div', { class: 'row' });
  if (draft !== undefined) {
    row.append(
      iconButton('Run edited', 'play', { 'data-testid': 'run-edited', 'data-action': 'runEdited', 'data-request': q.requestId }, false),
      iconButton('Cancel', 'close', { 'data-testid': 'cancel-edit-command', 'data-action': 'cancelEditCommand', 'data-request': q.requestId }),
    );
    card.append(row, el('div', { class: 'detail hint' }, 'The edited command is checked again before it runs; a forbidden one never runs.'));
    return card;
  }
  const always = iconButton('Run and always allow', 'check-all', { 'data-testid': 'always-allow-command', 'data-action': 'alwaysCommand', 'data-request': q.requestId });
  if (!q.alwaysPattern) always.setAttribute('disabled', '');
  row.append(
    iconButton('Run', 'play', { 'data-testid': 'run', 'data-action': 'allow', 'data-request': q.requestId }, false),
    always,
    iconButton('Edit', 'edit', { 'data-testid': 'edit-command', 'data-action': 'editCommand', 'data-request': q.requestId }),
    iconButton('Deny', 'close', { 'data-testid': 'deny', 'data-action': 'deny', 'data-request': q.requestId }),
  );
  card.append(row);
  const note = q.alwaysPattern
    ? `"Always allow" adds ${q.alwaysPattern} to this workspace's tandem.agent.allowedCommands: exactly this command, no other arguments.`
    : q.alwaysRefused
      ? `"Always allow" is not offered: ${escapeHiddenUnicode(q.alwaysRefused).text}.`
      : 'Checking whether this command can be always allowed…';
  card.append(el('div', { class: 'detail hint', 'data-testid': 'always-note' }, note));
  return card;
}

/** The card's own buttons (Run and Deny are the panel's usual allow / deny). */
export function installCommandCardActions(root: HTMLElement, post: (m: ToExtension) => void): void {
  const rerender = (requestId: string) => {
    const q = shown.get(requestId);
    const card = root.querySelector(`.command-card[data-request="${CSS.escape(requestId)}"]`);
    if (q && card) card.replaceWith(renderCommandCard(q));
    (root.querySelector(`[data-testid=command-edit][data-request="${CSS.escape(requestId)}"]`) as HTMLTextAreaElement | null)?.focus();
  };
  root.addEventListener('input', (ev) => {
    const box = ev.target as HTMLElement;
    if (box.dataset.testid === 'command-edit' && box.dataset.request) drafts.set(box.dataset.request, (box as HTMLTextAreaElement).value);
  });
  root.addEventListener('click', (ev) => {
    const button = (ev.target as HTMLElement).closest('button');
    const requestId = button?.dataset.request ?? '';
    switch (button?.dataset.action) {
      case 'alwaysCommand':
        return post({ type: 'decide', requestId, allow: true, remember: true });
      case 'editCommand':
        drafts.set(requestId, shown.get(requestId)?.subject ?? '');
        return rerender(requestId);
      case 'cancelEditCommand':
        drafts.delete(requestId);
        return rerender(requestId);
      case 'runEdited': {
        const command = (drafts.get(requestId) ?? '').trim();
        if (!command) return;
        drafts.delete(requestId);
        const original = shown.get(requestId)?.subject;
        return post(command === original ? { type: 'decide', requestId, allow: true } : { type: 'decide', requestId, allow: true, command });
      }
    }
  });
}
