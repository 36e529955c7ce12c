// The panel's conversation controls: the Plan / Act switch, the agent's live checklist
// (update_plan) with an Act button once a plan is ready, messages queued while a turn runs (each
// removable), the model's questions (ask_user) with an answer box, and the context meter with the
// task's cost. main.ts mounts it once and calls render() with every state.
import './conversation.css';
import type { PanelState, ToExtension } from '../src/protocol/messages';
import { SLASH_COMMANDS } from '../src/protocol/slashCommands';
import { el } from './dom';

type Post = (m: ToExtension) => void;

const ACT_TASK = 'Carry out the plan.';

const STATUS_ICON = { pending: 'circle-large-outline', in_progress: 'loading codicon-modifier-spin', done: 'pass-filled' } as const;
const STATUS_LABEL = { pending: 'to do', in_progress: 'in progress', done: 'done' } as const;

function tokens(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

function cost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${Number(usd.toPrecision(2))}`;
}

export interface ConversationView {
  render(s: PanelState): void;
}

/** Adds the controls to the panel: the checklist and cards above the pending changes, the switch and meter in the composer. */
export function mountConversation(app: HTMLElement, post: Post, sendPrompt: () => void): ConversationView {
  const section = el('section', { class: 'conversation' });
  app.querySelector('.pending')?.before(section);
  const meter = el('div', { class: 'meter', 'data-testid': 'context-meter', role: 'meter', 'aria-label': 'Context used' });
  app.querySelector('[data-testid=meta]')?.after(meter);
  const row = app.querySelector('.composer .row');
  const modes = el('div', { class: 'mode-switch', role: 'radiogroup', 'aria-label': 'Agent mode' });
  for (const [mode, label, title] of [
    ['plan', 'Plan', 'Plan: read-only, the agent explores and ends with a plan'],
    ['act', 'Act', 'Act: the agent edits and runs commands (you approve them)'],
  ] as const) {
    modes.append(el('button', { class: 'secondary', role: 'radio', 'data-testid': `mode-${mode}`, 'data-conv': 'mode', 'data-mode': mode, title, 'aria-checked': 'false' }, label));
  }
  const queue = el('button', { class: 'secondary', 'data-testid': 'queue', 'data-conv': 'queue', title: 'The agent reads it at its next step', hidden: '' });
  queue.append(el('i', { class: 'codicon codicon-list-ordered' }), document.createTextNode(' Queue'));
  row?.prepend(modes);
  row?.append(queue);
  const updateHints = mountSlashHints(app);

  app.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    if (!b?.dataset.conv) return;
    switch (b.dataset.conv) {
      case 'mode':
        return post({ type: 'setMode', mode: b.dataset.mode === 'plan' ? 'plan' : 'act' });
      case 'queue':
        return sendPrompt();
      case 'unqueue':
        return post({ type: 'unqueue', id: b.dataset.id ?? '' });
      case 'act':
        post({ type: 'setMode', mode: 'act' });
        return post({ type: 'send', text: ACT_TASK });
      case 'option':
        return post({ type: 'answer', requestId: b.dataset.request ?? '', text: b.dataset.option ?? '' });
      case 'answer': {
        const box = b.closest('.card')?.querySelector('textarea') as HTMLTextAreaElement | null;
        return post({ type: 'answer', requestId: b.dataset.request ?? '', text: box?.value.trim() ?? '' });
      }
    }
  });

  return {
    render(s: PanelState): void {
      customCommands = s.commands ?? [];
      // The hints follow the prompt: sent (/compact), cleared or a new task, they close.
      updateHints();
      const mode = s.mode ?? 'act';
      for (const b of Array.from(modes.querySelectorAll('button'))) {
        b.setAttribute('aria-checked', String(b.dataset.mode === mode));
        b.classList.toggle('selected', b.dataset.mode === mode);
        (b as HTMLButtonElement).disabled = s.running;
      }
      queue.hidden = !s.running;
      const prompt = app.querySelector('[data-testid=prompt]') as HTMLTextAreaElement | null;
      if (prompt) {
        prompt.dataset.idlePlaceholder ??= prompt.placeholder;
        prompt.placeholder = s.running ? 'Add a message: the agent reads it at its next step (Enter queues it)' : prompt.dataset.idlePlaceholder;
      }
      const m = [s.context ? `${tokens(s.context.used)} / ${tokens(s.context.window)} tokens of context (${Math.min(100, Math.round((s.context.used / s.context.window) * 100))}%)` : '', s.cost !== undefined ? `${cost(s.cost)} this task` : ''].filter(Boolean);
      meter.textContent = m.join(' · ');
      meter.hidden = m.length === 0;
      if (s.context) {
        meter.setAttribute('aria-valuenow', String(s.context.used));
        meter.setAttribute('aria-valuemax', String(s.context.window));
        meter.classList.toggle('high', s.context.used / s.context.window > 0.8);
      }
      // Keep a half-typed answer across re-renders (state arrives many times a second while streaming).
      const drafts = new Map(Array.from(section.querySelectorAll<HTMLTextAreaElement>('[data-testid=question] textarea')).map((t) => [t.dataset.request ?? '', t.value]));
      section.replaceChildren();
      if (s.plan?.steps.length) {
        const box = el('div', { class: 'plan card', 'data-testid': 'plan' });
        const done = s.plan.steps.filter((p) => p.status === 'done').length;
        box.append(el('div', { class: 'card-title' }, `Plan · ${done}/${s.plan.steps.length} done`));
        if (s.plan.explanation) box.append(el('div', { class: 'detail' }, s.plan.explanation));
        const list = el('ol', { class: 'plan-steps' });
        for (const p of s.plan.steps) {
          const li = el('li', { 'data-testid': 'plan-step', 'data-status': p.status, class: p.status });
          li.append(el('i', { class: `codicon codicon-${STATUS_ICON[p.status]}`, 'aria-label': STATUS_LABEL[p.status] }), el('span', {}, p.step));
          list.append(li);
        }
        box.append(list);
        if (mode === 'plan' && !s.running) box.append(el('button', { 'data-testid': 'act', 'data-conv': 'act', title: 'Switch to Act and carry out this plan' }, 'Act on this plan'));
        section.append(box);
      }
      for (const q of s.questions ?? []) {
        const card = el('div', { class: 'card question', 'data-testid': 'question', 'data-request': q.requestId });
        card.append(el('div', { class: 'card-title' }, 'Tandem asks'), el('div', { class: 'detail' }, q.question));
        if (q.options?.length) {
          const opts = el('div', { class: 'row' });
          for (const o of q.options) opts.append(el('button', { class: 'secondary', 'data-testid': 'question-option', 'data-conv': 'option', 'data-request': q.requestId, 'data-option': o }, o));
          card.append(opts);
        }
        const box = el('textarea', { rows: '2', 'data-request': q.requestId, 'aria-label': 'Your answer', placeholder: 'Your answer (empty: let Tandem decide)' }) as HTMLTextAreaElement;
        box.value = drafts.get(q.requestId) ?? '';
        const row2 = el('div', { class: 'row' });
        row2.append(el('button', { 'data-testid': 'question-answer', 'data-conv': 'answer', 'data-request': q.requestId }, 'Answer'));
        card.append(box, row2);
        section.append(card);
      }
      if (s.queued?.length) {
        const list = el('div', { class: 'queued-list', 'aria-label': 'Queued messages' });
        for (const q of s.queued) {
          const item = el('div', { class: 'queued', 'data-testid': 'queued', 'data-id': q.id });
          const remove = el('button', { class: 'icon', 'data-testid': 'unqueue', 'data-conv': 'unqueue', 'data-id': q.id, title: 'Remove this queued message', 'aria-label': 'Remove this queued message' });
          remove.append(el('i', { class: 'codicon codicon-close' }));
          item.append(el('i', { class: 'codicon codicon-clock', title: 'Queued: the agent reads it at its next step' }), el('span', { class: 'text' }, q.text), remove);
          list.append(item);
        }
        section.append(list);
      }
    },
  };
}

/** The user's custom commands (prompt files) from the latest state, listed after the built-in ones. */
let customCommands: NonNullable<PanelState['commands']> = [];

/** While the prompt holds only "/" and a partial command name, the matching commands are listed; a click fills one in. */
function mountSlashHints(app: HTMLElement): () => void {
  const prompt = app.querySelector('[data-testid=prompt]') as HTMLTextAreaElement | null;
  if (!prompt) return () => undefined;
  const hints = el('div', { class: 'slash-hints', 'data-testid': 'slash-hints', role: 'listbox', 'aria-label': 'Slash commands', hidden: '' });
  prompt.before(hints);
  const update = () => {
    const m = /^\/([\w.-]*)$/.exec(prompt.value.trim());
    const all = [...SLASH_COMMANDS, ...customCommands.filter((c) => !SLASH_COMMANDS.some((b) => b.name === c.name.toLowerCase())).map((c) => ({ ...c, takesText: true }))];
    const matches = m ? all.filter((c) => c.name.toLowerCase().startsWith(m[1].toLowerCase())) : [];
    hints.replaceChildren(
      ...matches.map((c) => {
        const b = el('button', { class: 'secondary', role: 'option', 'data-testid': 'slash-hint', 'data-command': c.name, title: c.description });
        b.append(el('strong', {}, `/${c.name}`), el('span', {}, ` ${c.description}`));
        return b;
      }),
    );
    hints.hidden = matches.length === 0;
  };
  prompt.addEventListener('input', update);
  hints.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    if (!b?.dataset.command) return;
    const cmd = SLASH_COMMANDS.find((c) => c.name === b.dataset.command);
    prompt.value = `/${b.dataset.command}${!cmd || cmd.takesText ? ' ' : ''}`;
    prompt.dispatchEvent(new Event('input'));
    prompt.focus();
  });
  return update;
}
