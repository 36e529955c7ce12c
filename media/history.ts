// The panel's task history view (the header's History button opens it; Escape or Back returns): the
// tasks grouped by day with their relative date and time, a search box (title and message text, any
// case: the list narrows by title at once, the extension's search adds message matches), inline
// rename (Enter saves, Escape cancels), delete after an inline confirmation, and opening a task.
// Keyboard: arrows move between tasks, Enter opens, F2 renames, Delete deletes.
import type { PanelState, ToExtension } from '../src/protocol/messages';
import type { TaskSearchResults } from '../src/protocol/history';
import { groupTasks, type HistoryTask } from './historyDates';
import './history.css';
import { el } from './dom';

type Post = (m: ToExtension) => void;

export interface HistoryView {
  render(s: PanelState): void;
  onResults(m: TaskSearchResults): void;
  /** Shows a refusal in the view when it is open; false when the view is closed. */
  showRefusal(message: string): boolean;
}

const PAGE = 100;

const DELETE_NOTE = 'Its conversation is removed from the history. The change log in .tandem/ keeps its entries: it is an append-only audit record.';

function iconButton(testid: string, act: string, id: string, icon: string, label: string, hint: string): HTMLElement {
  const b = el('button', { class: 'icon', 'data-testid': testid, 'data-history': act, 'data-task': id, 'aria-label': label, title: hint });
  b.append(el('i', { class: `codicon codicon-${icon}` }));
  return b;
}

export function mountHistory(app: HTMLElement, post: Post): HistoryView {
  const toggle = app.querySelector('[data-testid=history]') as HTMLButtonElement;
  const heading = app.querySelector('[data-testid=task-title]') as HTMLElement;
  const view = el('section', { class: 'history', 'data-testid': 'history-view', 'aria-label': 'Task history' });
  view.hidden = true;
  view.innerHTML = `
    <div class="history-head">
      <button class="icon" data-testid="history-back" data-history="back" aria-label="Back to the task" title="Back (Escape)"><i class="codicon codicon-arrow-left"></i></button>
      <h2>Task history</h2>
    </div>
    <input type="search" class="history-search" data-testid="history-search" placeholder="Search titles and messages" aria-label="Search tasks by title or message text">
    <div class="history-count" data-testid="history-count" role="status"></div>
    <div class="history-error" data-testid="history-error" role="alert" hidden></div>
    <div class="history-notes" data-testid="history-notes"></div>
    <div class="history-list" data-testid="history-list"></div>`;
  app.querySelector('.bar')!.after(view);
  const search = view.querySelector('.history-search') as HTMLInputElement;
  const list = view.querySelector('.history-list') as HTMLElement;
  const count = view.querySelector('.history-count') as HTMLElement;
  const error = view.querySelector('.history-error') as HTMLElement;
  const notesBox = view.querySelector('.history-notes') as HTMLElement;

  let tasks: HistoryTask[] = [];
  let current = '';
  let notes: string[] = [];
  let drawn = '';
  let seq = 0;
  /** The extension's matches for `results.query` (title and message text). */
  let results: { query: string; seq: number; ids: Set<string> } | undefined;
  let renaming: { id: string; value: string; error?: string } | undefined;
  let confirming: string | undefined;
  /** The row the keyboard is on (the one row reachable with Tab). */
  let active: string | undefined;
  /** Rows drawn: the first PAGE, more on request, so typing in the search stays quick with hundreds of tasks. */
  let limit = PAGE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What each search in flight asked for. */
  const asked = new Map<number, string>();

  const isOpen = () => !view.hidden;
  const query = () => search.value.trim().toLowerCase();

  function open(): void {
    view.hidden = false;
    app.classList.add('history-open');
    toggle.setAttribute('aria-expanded', 'true');
    drawn = '';
    draw();
    requestSearch(); // also has the extension read the list again (another window may have changed it)
    search.focus();
  }

  function close(): void {
    view.hidden = true;
    app.classList.remove('history-open');
    toggle.setAttribute('aria-expanded', 'false');
    renaming = undefined;
    confirming = undefined;
    error.hidden = true;
    toggle.focus();
  }

  function requestSearch(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      asked.set(++seq, query());
      post({ type: 'searchTasks', query: search.value, seq });
    }, 120);
  }

  function visible(): HistoryTask[] {
    const q = query();
    if (!q) return tasks;
    if (results && results.query === q) return tasks.filter((t) => results!.ids.has(t.id));
    const words = q.split(/\s+/);
    return tasks.filter((t) => words.every((w) => t.title.toLowerCase().includes(w)));
  }

  function row(t: HistoryTask, when: string, tabbable: boolean): HTMLElement {
    const li = el('li', { class: `task-row${t.id === current ? ' current' : ''}`, 'data-testid': 'history-item', 'data-task': t.id });
    const tab = tabbable ? '0' : '-1';
    if (renaming?.id === t.id) {
      const input = el('input', { type: 'text', class: 'task-rename', 'data-testid': 'history-rename-input', 'data-task': t.id, 'aria-label': `New name for the task "${t.title}" (Enter saves, Escape cancels)`, maxlength: '2000' }) as HTMLInputElement;
      input.value = renaming.value;
      li.append(input);
      if (renaming.error) li.append(el('div', { class: 'task-rename-error', 'data-testid': 'history-rename-error', role: 'alert' }, renaming.error));
      return li;
    }
    if (confirming === t.id) {
      const box = el('div', { class: 'task-confirm', role: 'group', 'aria-label': `Delete the task "${t.title}"?` });
      box.append(el('p', {}, `Delete "${t.title}"? ${DELETE_NOTE}`));
      const buttons = el('div', { class: 'row' });
      buttons.append(el('button', { 'data-testid': 'history-delete-confirm', 'data-history': 'confirmDelete', 'data-task': t.id }, 'Delete'), el('button', { class: 'secondary', 'data-testid': 'history-delete-cancel', 'data-history': 'cancelDelete', 'data-task': t.id }, 'Cancel'));
      box.append(buttons);
      li.append(box);
      return li;
    }
    // Named by what it shows (title, then time): a screen reader says what a sighted user reads.
    const openButton = el('button', { class: 'task-open', 'data-testid': 'history-open', 'data-history': 'open', 'data-task': t.id, tabindex: tab, title: t.title, 'aria-keyshortcuts': 'F2 Delete', ...(t.id === current ? { 'aria-current': 'true' } : {}) });
    openButton.append(el('span', { class: 'task-name' }, t.title), document.createTextNode(' '), el('span', { class: 'task-when', 'data-testid': 'history-when' }, when));
    const rename = iconButton('history-rename', 'rename', t.id, 'edit', `Rename the task "${t.title}"`, 'Rename (F2)');
    const remove = iconButton('history-delete', 'delete', t.id, 'trash', `Delete the task "${t.title}"`, 'Delete (Delete key)');
    rename.tabIndex = remove.tabIndex = tabbable ? 0 : -1;
    li.append(openButton, rename, remove);
    return li;
  }

  function draw(): void {
    if (!isOpen()) return;
    const shown = visible();
    const sig = JSON.stringify([current, shown, notes, renaming, confirming, active, limit]);
    if (sig === drawn) return;
    drawn = sig;
    const focused = document.activeElement as HTMLElement | null;
    const focus = focused && list.contains(focused) ? { id: focused.dataset.task, part: focused.dataset.history ?? focused.dataset.testid } : undefined;
    if (!shown.some((t) => t.id === active)) active = shown[0]?.id;
    const now = Date.now();
    const parts: HTMLElement[] = [];
    for (const g of groupTasks(shown.slice(0, limit), now)) {
      const id = `day-${parts.length}`;
      const ul = el('ul', { 'aria-labelledby': id });
      for (const r of g.rows) ul.append(row(r.task, r.when, r.task.id === active));
      parts.push(el('h3', { class: 'history-day', id }, g.heading), ul);
    }
    if (shown.length > limit) parts.push(el('button', { class: 'secondary history-more', 'data-testid': 'history-more', 'data-history': 'more' }, `Show ${Math.min(PAGE * 2, shown.length - limit)} more (${shown.length - limit} not shown)`));
    list.replaceChildren(...parts);
    notesBox.replaceChildren(...notes.map((n) => el('p', { class: 'note' }, n)));
    const q = query();
    count.textContent = q ? (shown.length === 0 ? `No task matches "${search.value.trim()}".` : `${shown.length} of ${tasks.length} tasks match.`) : tasks.length === 0 ? 'No tasks yet: each task you start is kept here.' : `${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'}`;
    // Focus stays where it was: on the same task's same control, or in the rename field.
    const input = list.querySelector<HTMLInputElement>('[data-testid=history-rename-input]');
    if (input) {
      if (focus || document.activeElement === document.body || !view.contains(document.activeElement)) {
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
      return;
    }
    const confirm = list.querySelector<HTMLElement>('[data-testid=history-delete-confirm]');
    if (confirm && focus) return confirm.focus();
    if (focus?.id) list.querySelector<HTMLElement>(`[data-task="${CSS.escape(focus.id)}"][data-history="${focus.part === 'confirmDelete' || focus.part === 'cancelDelete' || focus.part === 'history-rename-input' ? 'open' : focus.part}"]`)?.focus();
  }

  function focusRow(id: string | undefined): void {
    if (!id) return;
    const at = visible().findIndex((t) => t.id === id);
    if (at >= limit) limit = at + 1;
    active = id;
    draw();
    list.querySelector<HTMLElement>(`[data-history=open][data-task="${CSS.escape(id)}"]`)?.focus();
  }

  function startRename(id: string): void {
    const t = tasks.find((x) => x.id === id);
    if (!t) return;
    confirming = undefined;
    renaming = { id, value: t.title };
    active = id;
    draw();
    list.querySelector<HTMLInputElement>('[data-testid=history-rename-input]')?.select();
  }

  function saveRename(): void {
    if (!renaming) return;
    const old = tasks.find((t) => t.id === renaming!.id);
    if (!renaming.value.trim()) {
      renaming = { ...renaming, error: `A task needs a name: type at least one character, or press Escape to keep "${old?.title ?? ''}".` };
      drawn = '';
      draw();
      return;
    }
    const { id, value } = renaming;
    renaming = undefined;
    if (value !== old?.title) post({ type: 'renameTask', taskId: id, title: value });
    focusRow(id);
  }

  function startDelete(id: string): void {
    renaming = undefined;
    confirming = id;
    active = id;
    draw();
    list.querySelector<HTMLElement>('[data-testid=history-delete-confirm]')?.focus();
  }

  function openTask(id: string): void {
    if (id !== current) post({ type: 'openTask', taskId: id });
    close();
  }

  toggle.addEventListener('click', () => (isOpen() ? close() : open()));
  search.addEventListener('input', () => {
    limit = PAGE;
    draw();
    requestSearch();
  });
  view.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLElement>('[data-history]');
    if (!b || b.tagName !== 'BUTTON') return;
    error.hidden = true;
    const id = b.dataset.task ?? '';
    switch (b.dataset.history) {
      case 'back':
        return close();
      case 'more': {
        const next = visible()[limit]?.id;
        limit += PAGE * 2;
        return focusRow(next);
      }
      case 'open':
        return openTask(id);
      case 'rename':
        return startRename(id);
      case 'delete':
        return startDelete(id);
      case 'confirmDelete':
        confirming = undefined;
        post({ type: 'deleteTask', taskId: id });
        return focusRow(visible().find((t) => t.id !== id)?.id);
      case 'cancelDelete':
        confirming = undefined;
        return focusRow(id);
    }
  });
  view.addEventListener('input', (ev) => {
    const t = ev.target as HTMLInputElement;
    if (renaming && t.dataset.testid === 'history-rename-input') renaming = { id: renaming.id, value: t.value };
  });
  view.addEventListener('keydown', (ev) => {
    const t = ev.target as HTMLElement;
    if (t.dataset.testid === 'history-rename-input') {
      if (ev.key === 'Enter' && !ev.isComposing) saveRename();
      else if (ev.key === 'Escape') {
        renaming = undefined;
        focusRow(t.dataset.task);
      } else return;
      ev.preventDefault();
      ev.stopPropagation();
      return;
    }
    if (ev.key === 'Escape' && confirming) {
      const id = confirming;
      confirming = undefined;
      focusRow(id);
    } else if (ev.key === 'Escape' && t === search && search.value) {
      search.value = '';
      draw();
    } else if (ev.key === 'Escape') close();
    else if (t === search && ev.key === 'ArrowDown') focusRow(visible()[0]?.id);
    else if (t.dataset.history === 'open') {
      const ids = visible().map((x) => x.id);
      const at = ids.indexOf(t.dataset.task ?? '');
      if (ev.key === 'ArrowDown') focusRow(ids[Math.min(at + 1, ids.length - 1)]);
      else if (ev.key === 'ArrowUp' && at <= 0) search.focus();
      else if (ev.key === 'ArrowUp') focusRow(ids[at - 1]);
      else if (ev.key === 'Home') focusRow(ids[0]);
      else if (ev.key === 'End') focusRow(ids[ids.length - 1]);
      else if (ev.key === 'F2') startRename(t.dataset.task ?? '');
      else if (ev.key === 'Delete') startDelete(t.dataset.task ?? '');
      else return;
    } else return;
    ev.preventDefault();
    ev.stopPropagation();
  });

  return {
    render(s: PanelState): void {
      heading.textContent = s.title;
      heading.title = s.title;
      const changed = JSON.stringify(s.tasks) !== JSON.stringify(tasks);
      tasks = s.tasks;
      current = s.taskId;
      notes = s.historyNotes ?? [];
      if (renaming && !tasks.some((t) => t.id === renaming!.id)) renaming = undefined;
      if (confirming && !tasks.some((t) => t.id === confirming)) confirming = undefined;
      if (changed && isOpen() && query()) requestSearch();
      draw();
    },
    onResults(m: TaskSearchResults): void {
      const q = asked.get(m.seq);
      asked.delete(m.seq);
      if (m.seq !== seq || q === undefined) return; // an older search answered late
      results = { query: q, seq: m.seq, ids: new Set(m.ids) };
      draw();
    },
    showRefusal(message: string): boolean {
      if (!isOpen()) return false;
      error.textContent = message;
      error.hidden = false;
      return true;
    },
  };
}
