// The chat webview: renders the panel state (messages as sanitised Markdown, tool steps, change
// cards, command questions) and posts the user's actions. Model output never becomes markup:
// markdown-it runs with raw HTML off and only http(s)/mailto links, and the CSP forbids inline code.
import MarkdownIt from 'markdown-it';
import '@vscode/codicons/dist/codicon.css';
import './main.css';
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../src/protocol/hiddenUnicode';
import { onMoreLanguages } from './highlight';
import { KeyedList } from './keyedList';
import type { ChatItem, PanelState, ToExtension, ToWebview } from '../src/protocol/messages';
import { mountConversation } from './conversation';
import { Composer } from './composer';
import { installServerErrorActions, renderServerError } from './serverError';
import { installCommandCardActions } from './commandCard';
import { installWelcomeActions, renderMeta, renderWelcome, setServer } from './welcome';
import { codeBlockHtml } from './codeBlock';
import { renderAttempts, syncAttemptCount } from './attempts';
import { installSummaryActions, renderSummaryCard } from './summaryCard';
import { installStepLinkActions, linkStep } from './stepLinks';
import { mountHistory } from './history';
import { mountNewTaskQuestion } from './newTaskQuestion';
import { installPanelKeys } from './panelKeys';
import { el } from './dom';
import { installHunkActions } from './hunkCard';
import { renderPending } from './pendingCards';
import { applyPins, installPinActions } from './pinned';
import { decidedFrom, refocus } from './focusNext';
import { mountImageAttach } from './imageAttach';
import { markLive, noteToggle, opensLive, patchLive, stepStatus } from './liveStep';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();
const post = (m: ToExtension) => vscode.postMessage(m);

const md: MarkdownIt = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: false,
  highlight: (code: string, lang: string, attrs: string): string => codeBlockHtml(code, `${lang} ${attrs}`, md.utils.escapeHtml),
});
md.validateLink = (url: string) => /^(https?:|mailto:)/i.test(url.trim());

const app = document.getElementById('app')!;
app.innerHTML = `
  <header class="bar">
    <span class="task-title" data-testid="task-title"></span>
    <button class="icon" data-testid="history" title="Task history" aria-label="Task history" aria-expanded="false"><i class="codicon codicon-history"></i></button>
    <button class="icon" data-testid="new-task" data-action="new" title="New task" aria-label="New task"><i class="codicon codicon-add"></i></button>
  </header>
  <div class="notice-bar" data-testid="read-only" hidden></div>
  <div class="log" role="log" aria-live="polite"></div>
  <section class="attempts" data-testid="attempts" hidden></section>
  <section class="pending"></section>
  <footer class="composer">
    <div class="editing" data-testid="editing-bar" hidden><span>Editing an earlier message: Send restores the files to before it and sends it again.</span><button class="secondary" data-testid="cancel-edit" data-action="cancelEdit">Cancel</button></div>
    <div class="meta" data-testid="meta"></div>
    <div class="tray" data-testid="context-tray" aria-label="Attached to your message" role="group" hidden></div>
    <textarea data-testid="prompt" rows="3" placeholder="Describe a task (Enter sends, Shift+Enter for a new line, @ to mention, paste or attach images)" aria-label="Task for Tandem"></textarea>
    <ul class="mentions" id="mention-list" data-testid="mention-list" role="listbox" aria-label="Mention suggestions" hidden></ul>
    <div class="row">
      <button data-testid="send" data-action="send"><i class="codicon codicon-send"></i> Send</button>
      <button data-testid="stop" data-action="stop" class="secondary" hidden><i class="codicon codicon-debug-stop"></i> Stop</button>
      <select data-testid="attempts-count" class="attempts-count" aria-label="Attempts per task (best of k)" title="Attempts per task: each works in its own copy, the best passing one is proposed">${[1, 2, 3, 4, 6, 8].map((n) => `<option value="${n}">${n === 1 ? '1 attempt' : `best of ${n}`}</option>`).join('')}</select>
    </div>
    <div class="refusal" role="alert" hidden></div>
  </footer>`;

const $ = <T extends HTMLElement>(sel: string) => app.querySelector(sel) as T;
const log = $<HTMLDivElement>('.log');
const pending = $<HTMLElement>('.pending');
const prompt = $<HTMLTextAreaElement>('[data-testid=prompt]');
const refusal = $<HTMLDivElement>('.refusal');
const openSteps = new Set<string>();
const conversation = mountConversation(app, post, () => send());
const history = mountHistory(app, post);
const renderNewTaskQuestion = mountNewTaskQuestion(pending, post);
/** Long user messages the user unfolded. */
const expanded = new Set<string>();
let state: PanelState | undefined;
/** The user message being edited, if any: Send then resends it from its checkpoint. */
let editing: string | undefined;
/** The edited text sent: the prompt keeps it until the edit goes through (a cancelled confirmation keeps the draft). */
let editSent: string | undefined;

const saved = (vscode.getState() ?? {}) as { draft?: string; history?: string[] };
if (saved.draft) prompt.value = saved.draft;
const store = { history: Array.isArray(saved.history) ? saved.history : [] };
const saveState = () => vscode.setState({ draft: prompt.value, history: store.history });
const composer = new Composer(prompt, $('[data-testid=context-tray]'), $('[data-testid=mention-list]'), post, showRefusal, store, saveState);
const imagesOff = mountImageAttach($('.composer .row'), (files) => void composer.addImages(files));

function attachedList(labels: string[]): HTMLElement {
  const list = el('div', { class: 'attached', 'data-testid': 'attached', 'aria-label': 'Attached to this message' });
  for (const l of labels) list.append(el('span', { class: 'chip' }, l));
  return list;
}

function restoreButton(itemId: string, title: string): HTMLElement {
  const b = el('button', { class: 'icon', 'data-testid': 'restore-checkpoint', 'data-action': 'restore', 'data-item': itemId, title, 'aria-label': title });
  b.append(el('i', { class: 'codicon codicon-discard' }));
  return b;
}

function renderItem(item: ChatItem, isLastAnswer: boolean): HTMLElement {
  switch (item.kind) {
    case 'user': {
      const div = el('div', { class: 'msg user', 'data-testid': 'message', 'data-role': 'user', 'data-id': item.id });
      div.append(el('span', { class: 'text' }, item.text));
      // A long pasted message (a log, a stack trace) is folded to a few lines until asked.
      if (item.text.split('\n').length > 12 || item.text.length > 1500) {
        const open = expanded.has(item.id);
        div.classList.toggle('folded', !open);
        div.append(el('button', { class: 'secondary fold', 'data-testid': 'fold', 'data-action': 'fold', 'data-item': item.id, 'aria-expanded': String(open) }, open ? 'Show less' : 'Show all'));
      }
      if (item.attached?.length) div.append(attachedList(item.attached));
      // A turn that changed no file took no checkpoint (unchanged): its message can still be edited.
      if ((item.checkpointId || item.unchanged) && !state?.running) {
        const actions = el('div', { class: 'msg-actions' });
        const edit = el('button', { class: 'icon', 'data-testid': 'edit-message', 'data-action': 'edit', 'data-item': item.id, title: 'Edit and send again', 'aria-label': 'Edit this message and send it again' });
        edit.append(el('i', { class: 'codicon codicon-edit' }));
        actions.append(edit, ...(item.checkpointId ? [restoreButton(item.id, 'Restore the files to before this message')] : []));
        // First, floated right: the message's text flows around the icons instead of under them.
        div.prepend(actions);
      }
      return div;
    }
    case 'assistant': {
      const div = el('div', { class: 'msg assistant', 'data-testid': 'message', 'data-role': 'assistant' });
      div.innerHTML = md.render(item.markdown);
      if (isLastAnswer) {
        const retry = el('button', { class: 'secondary retry', 'data-testid': 'retry', 'data-action': 'retry', title: 'Restore the files to before your last message and send it again' });
        retry.append(el('i', { class: 'codicon codicon-refresh' }), document.createTextNode(' Retry'));
        div.append(retry);
      }
      return div;
    }
    case 'tool': {
      // The step's buttons (open its file, restore) sit beside the <summary>, never inside it: a control
      // inside a summary is a control inside a control (axe: nested-interactive).
      const step = el('div', { class: `step ${item.state}`, 'data-testid': 'tool-step', 'data-state': item.state, 'data-id': item.id });
      const d = el('details', { class: 'step-body' });
      if (openSteps.has(item.id) || opensLive(item)) d.setAttribute('open', '');
      d.addEventListener('toggle', () => {
        const open = (d as HTMLDetailsElement).open;
        noteToggle(item, open);
        if (open) openSteps.add(item.id);
        else openSteps.delete(item.id);
      });
      const status = stepStatus(item);
      const summary = el('summary');
      const arg = escapeHiddenUnicode(item.summary);
      summary.append(el('i', { class: `codicon codicon-${status.icon}`, 'aria-label': status.label }), el('span', { class: 'tool-name' }, item.name), el('span', { class: 'tool-arg', ...(item.edited ? { title: 'You edited this command before it ran' } : {}) }, arg.text));
      if (item.edited) summary.append(el('span', { class: 'step-note', 'data-testid': 'step-edited' }, 'edited'));
      if (status.note) summary.append(el('span', { class: 'step-note', 'data-testid': 'step-status' }, status.note));
      if (arg.escaped) summary.append(el('i', { class: 'codicon codicon-warning', 'data-testid': 'hidden-unicode', title: hiddenUnicodeWarning('tool'), 'aria-label': hiddenUnicodeWarning('tool') }));
      d.append(summary, el('pre', { class: 'output', tabindex: '0', 'aria-label': `Output of ${item.name}` }, item.output || status.empty));
      for (const h of item.hooks ?? []) d.append(el('div', { class: `hook-note ${h.level}`, 'data-testid': 'hook-note' }, h.text));
      const actions = el('span', { class: 'step-actions' });
      if (item.checkpointId && !state?.running) actions.append(restoreButton(item.id, 'Restore the files to how they were after this step'));
      step.append(d, actions);
      if (item.waiting) step.dataset.waiting = 'true';
      linkStep(step, item);
      markLive(step, item);
      return step;
    }
    case 'notice':
      return el('div', { class: `notice ${item.level}`, role: item.level === 'error' ? 'alert' : 'status' }, item.text);
    case 'serverError':
      return renderServerError(item);
    case 'summary':
      return renderSummaryCard(item);
  }
}


// The index of the answer that offers Retry (-1: none). A streaming answer keeps its element.
let retryAt = -1;
const items = new KeyedList<ChatItem>(
  log,
  (item, n) => renderItem(item, n === retryAt),
  (item, node, n) => {
    if (item.kind === 'tool') return patchLive(item, node);
    if (item.kind !== 'assistant' || node.dataset.role !== 'assistant') return false;
    node.replaceChildren(...Array.from(renderItem(item, n === retryAt).childNodes));
    return true;
  },
);

function render(s: PanelState): void {
  // Another task: what the last one was refused for does not apply to it.
  if (state && state.taskId !== s.taskId) refusal.hidden = true;
  state = s;
  if (s.running) composer.accepted();
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const lastUser = s.items.map((i) => i.kind).lastIndexOf('user');
  const lastAnswer = s.items.map((i) => i.kind).lastIndexOf('assistant');
  const u = s.items[lastUser];
  const retryable = !s.running && lastAnswer > lastUser && u?.kind === 'user' && !!(u.checkpointId || u.unchanged);
  retryAt = retryable ? lastAnswer : -1;
  items.render(s.items, (item, n) => `${n === retryAt}|${s.running}|${expanded.has(item.id)}|${JSON.stringify(item)}`);
  if (s.items.length === 0) log.replaceChildren(renderWelcome());
  if (editing && !s.items.some((i) => i.id === editing)) {
    // The edit went through (the conversation was cut back to before the message): the draft is sent.
    if (editSent !== undefined && prompt.value.trim() === editSent) prompt.value = '';
    setEditing(undefined);
    saveState();
  }
  if (atBottom) log.scrollTop = log.scrollHeight;
  renderPending(pending, s);
  conversation.render(s);
  applyPins(app);
  refocus(pending, prompt, s.running);
  renderAttempts($('.attempts'), s);
  syncAttemptCount($<HTMLSelectElement>('[data-testid=attempts-count]'), s.attemptCount);
  $('[data-testid=send]').hidden = s.running;
  $('[data-testid=stop]').hidden = !s.running;
  renderMeta($('[data-testid=meta]'), s);
  const ro = $('[data-testid=read-only]');
  ro.hidden = !s.readOnlyReason;
  ro.textContent = s.readOnlyReason ?? '';
  history.render(s);
  renderNewTaskQuestion(s);
}

function setEditing(itemId: string | undefined): void {
  editing = itemId;
  editSent = undefined;
  $('[data-testid=editing-bar]').hidden = !itemId;
}

function send(): void {
  const text = prompt.value.trim();
  // While a turn runs, Send queues the message for the agent's next step (not an edit).
  if (!text || (state?.running && editing)) return;
  if (editing) {
    // The prompt and the editing bar stay until the edit goes through: Escape at the confirmation loses nothing.
    post({ type: 'editMessage', itemId: editing, text });
    editSent = text;
    return;
  }
  try {
    post({ type: 'send', text, context: composer.take(text) });
  } catch (err) {
    return showRefusal((err as Error).message); // images the model cannot take: nothing is sent or lost
  }
  setEditing(undefined);
  prompt.value = '';
  saveState();
  // What an earlier attempt was refused for ("the attached image was not sent") is no longer true;
  // the extension says again if this one is refused too.
  refusal.hidden = true;
  if (state) conversation.render(state); // the / hints close with the sent prompt
}

function showRefusal(message: string): void {
  refusal.textContent = message;
  refusal.hidden = false;
}

/** Buttons that decide a waiting card: focus then moves to the next one (focusNext.ts). */
const DECISIONS = new Set(['approve', 'reject', 'approveRest', 'rejectRest', 'allow', 'deny', 'always', 'alwaysCommand']);

app.addEventListener('click', (ev) => {
  const button = (ev.target as HTMLElement).closest('button');
  if (!button) return;
  refusal.hidden = true;
  if (DECISIONS.has(button.dataset.action ?? '') || button.dataset.hunkAction) decidedFrom(button, pending);
  const changeId = button.dataset.change ?? '';
  const requestId = button.dataset.request ?? '';
  switch (button.dataset.action) {
    case 'send':
      return send();
    case 'stop':
      return post({ type: 'stop' });
    case 'new':
      return post({ type: 'newTask' });
    case 'approve':
      return post({ type: 'approve', changeId });
    case 'reject': {
      const reason = (button.closest('.card')?.querySelector('.reason') as HTMLInputElement | null)?.value.trim();
      return post({ type: 'reject', changeId, ...(reason ? { reason } : {}) });
    }
    case 'viewDiff':
      return post({ type: 'viewDiff', changeId });
    case 'approveAll':
      return post({ type: 'approveAll' });
    case 'rejectAll':
      return post({ type: 'rejectAll' });
    case 'allow':
    case 'deny':
      return post({ type: 'decide', requestId, allow: button.dataset.action === 'allow' });
    case 'always':
      return post({ type: 'decide', requestId, allow: true, remember: true });
    case 'restore':
      ev.preventDefault(); // inside a step's <summary>: do not also fold the step
      return post({ type: 'restoreCheckpoint', itemId: button.dataset.item ?? '' });
    case 'edit': {
      const item = state?.items.find((i) => i.id === button.dataset.item);
      if (item?.kind !== 'user') return;
      setEditing(item.id);
      prompt.value = item.text;
      prompt.focus();
      return;
    }
    case 'cancelEdit':
      setEditing(undefined);
      prompt.value = '';
      return;
    case 'retry':
      return post({ type: 'retry' });
    case 'fold': {
      const id = button.dataset.item ?? '';
      if (!expanded.delete(id)) expanded.add(id);
      if (state) render(state);
      return;
    }
    case 'apply': {
      const pre = button.closest('pre');
      const path = pre?.dataset.path;
      return post({ type: 'applyCode', code: pre?.querySelector('code')?.textContent ?? '', ...(path ? { path } : {}) });
    }
    case 'pickAttempt':
    case 'attemptDiff':
      return post({ type: button.dataset.action === 'pickAttempt' ? 'pickAttempt' : 'openAttemptDiff', index: Number(button.dataset.attempt) });
    case 'copy':
    case 'insert': {
      const code = button.closest('pre')?.querySelector('code')?.textContent ?? '';
      return post({ type: button.dataset.action === 'copy' ? 'copyCode' : 'insertCode', code });
    }
  }
});

prompt.addEventListener('keydown', (ev) => {
  if (!ev.isComposing && composer.onKeydown(ev)) {
    ev.preventDefault();
    ev.stopPropagation(); // handled here (e.g. Escape closing the @ picker): not also a panel key (Escape = Stop)
    return;
  }
  // Ctrl/Cmd+Enter with changes waiting is the panel's Approve all (panelKeys.ts), not Send.
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && state?.changes.length) return;
  if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    send();
  }
});
prompt.addEventListener('input', saveState);
installPanelKeys(() => state && { running: state.running, pendingChanges: state.changes.length }, post);
$<HTMLSelectElement>('[data-testid=attempts-count]').addEventListener('change', (ev) => post({ type: 'setAttempts', count: Number((ev.target as HTMLSelectElement).value) }));

// Only the extension posts to this page, each message typed as ToWebview there; the page checks the
// kind and leaves zod (a third of the bundle) to the extension side, which validates what the page sends.
// A record, so the compiler names a kind added to ToWebview and missing here (and one that is not a kind).
const KINDS: Record<ToWebview['type'], true> = { server: true, state: true, focusPrompt: true, refused: true, editorContext: true, mentionResults: true, taskSearchResults: true };
const FROM_EXTENSION = new Set<string>(Object.keys(KINDS));

window.addEventListener('message', (ev: MessageEvent) => {
  const data: unknown = ev.data;
  if (typeof data !== 'object' || data === null || !FROM_EXTENSION.has(String((data as { type?: unknown }).type))) return; // not ours: ignore
  const m = data as ToWebview;
  if (m.type === 'state') render(m.state);
  else if (m.type === 'focusPrompt') prompt.focus();
  else if (m.type === 'editorContext') {
    composer.onEditorContext(m);
    imagesOff(m.imagesOff);
  } else if (m.type === 'mentionResults') composer.onMentionResults(m.seq, m.options);
  else if (m.type === 'server') setServer(m.server, app);
  else if (m.type === 'taskSearchResults') history.onResults(m);
  else if (history.showRefusal(m.message)) return;
  else {
    showRefusal(m.message);
    composer.restoreLast();
  }
});

// Code blocks in a language that just loaded get their colours.
onMoreLanguages(() => {
  items.clear();
  if (state) render(state);
});

installServerErrorActions(app, post);
installHunkActions(app, () => state?.changes ?? [], post);
installPinActions(app, () => state && render(state));
installCommandCardActions(app, post);
installSummaryActions(app, post);
installStepLinkActions(app, post);
installWelcomeActions(app, prompt, (draft) => vscode.setState({ draft }));
post({ type: 'ready' });
