// The panel's own keys (media/panelKeys.ts): which press does what, and only when it applies —
// Escape only while a task runs, Ctrl/Cmd+Enter and Ctrl/Cmd+Shift+Backspace only with changes waiting.
import { strict as assert } from 'node:assert';
import { panelKeyAction, type PanelKeyAction } from '../../../media/panelKeys';

type Press = { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean; isComposing?: boolean };
const press = (p: Press) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, isComposing: false, ...p });

describe('panel keys', () => {
  const busy = { running: true, pendingChanges: 2 };
  const idle = { running: false, pendingChanges: 0 };
  const cases: Array<[string, Press, typeof busy, PanelKeyAction | undefined]> = [
    ['Escape stops a running task', { key: 'Escape' }, busy, 'stop'],
    ['Escape does nothing when idle', { key: 'Escape' }, idle, undefined],
    ['Shift+Escape is not Stop', { key: 'Escape', shiftKey: true }, busy, undefined],
    ['Escape while composing (IME) is the IME\'s', { key: 'Escape', isComposing: true }, busy, undefined],
    ['Ctrl+Enter approves waiting changes', { key: 'Enter', ctrlKey: true }, busy, 'approveAll'],
    ['Cmd+Enter approves waiting changes', { key: 'Enter', metaKey: true }, busy, 'approveAll'],
    ['Ctrl+Enter with nothing waiting is left to the prompt', { key: 'Enter', ctrlKey: true }, { running: true, pendingChanges: 0 }, undefined],
    ['plain Enter is Send, not Approve', { key: 'Enter' }, busy, undefined],
    ['Ctrl+Shift+Enter is not Approve', { key: 'Enter', ctrlKey: true, shiftKey: true }, busy, undefined],
    ['Ctrl+Shift+Backspace rejects waiting changes', { key: 'Backspace', ctrlKey: true, shiftKey: true }, busy, 'rejectAll'],
    ['Ctrl+Backspace deletes a word', { key: 'Backspace', ctrlKey: true }, busy, undefined],
    ['Ctrl+Alt+Shift+Backspace is not Reject', { key: 'Backspace', ctrlKey: true, shiftKey: true, altKey: true }, busy, undefined],
    ['Ctrl+Shift+Backspace with nothing waiting does nothing', { key: 'Backspace', ctrlKey: true, shiftKey: true }, idle, undefined],
  ];
  for (const [name, p, state, want] of cases) {
    it(name, () => assert.equal(panelKeyAction(press(p), state), want));
  }
});
