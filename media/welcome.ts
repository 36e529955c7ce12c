// The empty panel's welcome: connect a model (what the server check found, Detect local server,
// Select model, Open Settings) and a few example tasks that fill the prompt; and the model label
// under the prompt, a button that opens Tandem: Select Model.
import type { PanelState, ServerInfo } from '../src/protocol/messages';
import { el, iconButton } from './dom';
import './welcome.css';

const EXAMPLES = [
  'Explain how this project is organised and where to start reading',
  'Find the failing tests, explain why they fail and fix them',
  'Add input validation and error messages to the open file',
  'Write unit tests for the functions in the open file',
];

let server: ServerInfo | undefined;

function serverLine(): HTMLElement {
  const state = server?.state ?? 'checking';
  const line = el('div', { class: `server-line ${state}`, 'data-testid': 'welcome-server', 'data-state': state, role: 'status' });
  const icon = state === 'ok' ? (server?.missing?.length ? 'warning' : 'pass') : state === 'failed' ? 'error' : 'loading codicon-modifier-spin';
  const text = !server || state === 'checking' ? `Checking the model server${server ? ` at ${server.baseUrl}` : ''}…` : (server.message ?? server.baseUrl);
  line.append(el('i', { class: `codicon codicon-${icon}` }), el('span', {}, text));
  return line;
}

export function renderWelcome(): HTMLElement {
  const w = el('div', { class: 'welcome', 'data-testid': 'welcome' });
  const head = el('h2');
  head.append(el('i', { class: 'codicon codicon-sparkle' }), document.createTextNode(' Welcome to Tandem'));
  w.append(head, el('p', {}, 'Describe a task: Tandem reads your code, proposes every edit as a diff you approve, and asks before it runs a command.'));
  const connect = el('section', { class: 'welcome-step' });
  connect.append(el('h3', {}, '1. Connect a model'), serverLine());
  const row = el('div', { class: 'row' });
  row.append(
    iconButton('Detect local server', 'search', { 'data-testid': 'welcome-connect', 'data-action': 'panelCommand', 'data-command': 'connect' }, server?.state === 'ok'),
    iconButton('Select model', 'symbol-class', { 'data-testid': 'welcome-select-model', 'data-action': 'panelCommand', 'data-command': 'selectModel' }, server?.state !== 'ok' || !server.missing?.length),
    iconButton('Settings', 'gear', { 'data-action': 'panelCommand', 'data-command': 'openSettings' }),
  );
  connect.append(row, el('p', { class: 'hint' }, 'Ollama, LM Studio, llama.cpp and vLLM are found on their default ports; any OpenAI-compatible URL works.'));
  const examples = el('section', { class: 'welcome-step' });
  examples.append(el('h3', {}, '2. Try a task'));
  for (const text of EXAMPLES) {
    const b = el('button', { class: 'example', 'data-testid': 'welcome-example', 'data-action': 'example', title: 'Put this task in the prompt' });
    b.append(el('i', { class: 'codicon codicon-lightbulb' }), el('span', {}, text));
    examples.append(b);
  }
  w.append(connect, examples, el('p', { class: 'hint' }, 'Completions appear as ghost text while you type; Tab accepts them.'));
  return w;
}

/** A new server check result: the welcome on screen shows it at once. */
export function setServer(info: ServerInfo, root: HTMLElement): void {
  server = info;
  const shown = root.querySelector('[data-testid=welcome]');
  if (shown) shown.replaceWith(renderWelcome());
}

/** The line under the prompt: the model (a button for Select Model), tokens, and whether it works. */
export function renderMeta(meta: HTMLElement, s: PanelState): void {
  const model = el('button', { class: 'model-button', 'data-testid': 'model-button', 'data-action': 'panelCommand', 'data-command': 'selectModel', title: 'Select the model (Tandem: Select Model)', 'aria-label': `Model ${s.model}: select another` });
  model.append(el('span', {}, s.model), el('i', { class: 'codicon codicon-chevron-down' }));
  meta.replaceChildren(model, document.createTextNode(` · ${s.usage.inputTokens.toLocaleString()} in / ${s.usage.outputTokens.toLocaleString()} out${s.running ? ' · working…' : ''}`));
}

/** Example buttons fill the prompt (they do not send: the user may adjust the task first). */
export function installWelcomeActions(root: HTMLElement, prompt: HTMLTextAreaElement, onDraft: (text: string) => void): void {
  root.addEventListener('click', (ev) => {
    const button = (ev.target as HTMLElement).closest('button');
    if (button?.dataset.action !== 'example') return;
    prompt.value = button.textContent?.trim() ?? '';
    onDraft(prompt.value);
    prompt.focus();
  });
}

