// The panel's question before a running task is stopped for a new one (New task, "Tandem: New Task",
// /new): the extension sets the question in the state; the buttons answer it. The Stop button takes
// the focus when the question appears, so the keybinding followed by Enter confirms; Escape keeps
// working on the current task.
import type { PanelState, ToExtension } from '../src/protocol/messages';

export function mountNewTaskQuestion(before: HTMLElement, post: (m: ToExtension) => void): (s: PanelState) => void {
  const box = document.createElement('section');
  box.className = 'card new-task-question';
  box.dataset.testid = 'new-task-question';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Start a new task?');
  box.hidden = true;
  const text = document.createElement('p');
  const row = document.createElement('div');
  row.className = 'row';
  const yes = document.createElement('button');
  yes.dataset.testid = 'new-task-confirm';
  yes.textContent = 'Stop and start a new task';
  const no = document.createElement('button');
  no.className = 'secondary';
  no.dataset.testid = 'new-task-cancel';
  no.textContent = 'Keep working';
  row.append(yes, no);
  box.append(text, row);
  before.before(box);
  yes.addEventListener('click', () => post({ type: 'answerNewTask', stop: true }));
  no.addEventListener('click', () => post({ type: 'answerNewTask', stop: false }));
  box.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    // Not passed on to VS Code, where Escape in the panel stops the running task.
    ev.preventDefault();
    ev.stopPropagation();
    post({ type: 'answerNewTask', stop: false });
  });
  return (s) => {
    const asked = s.newTaskQuestion;
    const wasHidden = box.hidden;
    box.hidden = !asked;
    if (!asked) return;
    text.textContent = asked;
    if (wasHidden) {
      box.scrollIntoView({ block: 'nearest' });
      yes.focus();
    }
  };
}
