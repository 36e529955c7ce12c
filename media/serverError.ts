// The model-server error bubble: one bubble per failure that updates in place — "retrying in N s"
// counted down here from the time of the next attempt, then the error with Retry, Connect (server
// unreachable or model missing), Open Settings, Show Log (and Set API Key when the key was refused);
// once a connection works again, what it is connected to, with Retry.
import type { ChatItem, ToExtension } from '../src/protocol/messages';
import { el, iconButton } from './dom';
import './serverError.css';

type Bubble = Extract<ChatItem, { kind: 'serverError' }>;

/** Failures a different server or model may fix. */
const CONNECT_KINDS = new Set(['unreachable', 'timeout', 'notFound']);

function countdownText(retryAt: number, attempt: number): string {
  const s = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
  return s > 0 ? `Retrying in ${s} s (attempt ${attempt})…` : `Retrying now (attempt ${attempt})…`;
}

export function renderServerError(item: Bubble): HTMLElement {
  if (item.state === 'connected') {
    // Connected since the failure (Connect, a new URL or key): what works now, and Retry.
    const div = el('div', { class: 'server-error connected', 'data-testid': 'server-error', 'data-state': item.state, role: 'status' });
    const head = el('div', { class: 'head' });
    head.append(el('i', { class: 'codicon codicon-pass' }), el('span', { class: 'text' }, item.message));
    const row = el('div', { class: 'row' });
    row.append(iconButton('Retry', 'refresh', { 'data-testid': 'retry-failed', 'data-action': 'retryFailed' }, false));
    div.append(head, row);
    return div;
  }
  const failed = item.state === 'failed';
  const div = el('div', { class: `server-error ${item.state}`, 'data-testid': 'server-error', 'data-state': item.state, role: failed ? 'alert' : 'status' });
  const head = el('div', { class: 'head' });
  head.append(el('i', { class: `codicon codicon-${failed ? 'error' : 'sync codicon-modifier-spin'}` }), el('span', { class: 'text' }, item.message));
  div.append(head);
  if (!failed && item.retryAt !== undefined) {
    div.append(el('div', { class: 'countdown', 'data-testid': 'retry-countdown', 'data-retry-at': String(item.retryAt), 'data-attempt': String(item.attempt) }, countdownText(item.retryAt, item.attempt)));
    return div;
  }
  if (item.detail) div.append(el('div', { class: 'detail' }, `Server said: ${item.detail}`));
  const row = el('div', { class: 'row' });
  row.append(iconButton('Retry', 'refresh', { 'data-testid': 'retry-failed', 'data-action': 'retryFailed' }, false));
  if (item.errorKind === 'auth') row.append(iconButton('Set API Key', 'key', { 'data-testid': 'set-api-key', 'data-action': 'panelCommand', 'data-command': 'setApiKey' }));
  // The server could not be reached or refused the model: Connect finds or asks for a working one.
  if (item.errorKind && CONNECT_KINDS.has(item.errorKind)) row.append(iconButton('Connect', 'plug', { 'data-testid': 'connect', 'data-action': 'panelCommand', 'data-command': 'connect' }));
  row.append(
    iconButton('Open Settings', 'gear', { 'data-testid': 'open-settings', 'data-action': 'panelCommand', 'data-command': 'openSettings' }),
    iconButton('Show Log', 'output', { 'data-testid': 'show-log', 'data-action': 'panelCommand', 'data-command': 'showLog' }),
  );
  div.append(row);
  return div;
}

/** Counts the retry bubbles down, and sends the panel-command buttons' actions (the welcome's too). */
export function installServerErrorActions(root: HTMLElement, post: (m: ToExtension) => void): void {
  setInterval(() => {
    root.querySelectorAll<HTMLElement>('[data-retry-at]').forEach((c) => (c.textContent = countdownText(Number(c.dataset.retryAt), Number(c.dataset.attempt))));
  }, 250);
  root.addEventListener('click', (ev) => {
    const button = (ev.target as HTMLElement).closest('button');
    if (button?.dataset.action === 'retryFailed') post({ type: 'retryFailed' });
    else if (button?.dataset.action === 'panelCommand') {
      const command = button.dataset.command as Extract<ToExtension, { type: 'panelCommand' }>['command'];
      post({ type: 'panelCommand', command });
    }
  });
}
