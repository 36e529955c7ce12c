// Owns the panel's own keys while focus is inside it: Escape stops the running task, Ctrl/Cmd+Enter
// approves and Ctrl/Cmd+Shift+Backspace rejects all waiting changes. VS Code's keybindings cannot do
// this from inside a webview view: the keys reach the workbench, but `focusedView` is not the panel's
// while focus is in its page, so a `when` clause cannot tell the panel from the rest of the window.
// Keys handled here are not passed on to the workbench (no second action from a global keybinding).

export type PanelKeyAction = 'stop' | 'approveAll' | 'rejectAll';

export interface PanelKeyState {
  running: boolean;
  pendingChanges: number;
}

/** What a key press in the panel does, if anything. */
export function panelKeyAction(ev: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing'>, s: PanelKeyState): PanelKeyAction | undefined {
  if (ev.isComposing || ev.altKey) return undefined;
  const mod = ev.ctrlKey || ev.metaKey;
  if (ev.key === 'Escape' && !mod && !ev.shiftKey && s.running) return 'stop';
  if (ev.key === 'Enter' && mod && !ev.shiftKey && s.pendingChanges > 0) return 'approveAll';
  if (ev.key === 'Backspace' && mod && ev.shiftKey && s.pendingChanges > 0) return 'rejectAll';
  return undefined;
}

/** Listens on the page (after the prompt's own handlers, e.g. Escape closing the @ picker). */
export function installPanelKeys(state: () => PanelKeyState | undefined, post: (m: { type: PanelKeyAction }) => void): void {
  document.addEventListener('keydown', (ev) => {
    const s = state();
    const action = s && !ev.defaultPrevented ? panelKeyAction(ev, s) : undefined;
    if (!action) return;
    ev.preventDefault();
    ev.stopPropagation();
    post({ type: action });
  });
}
