// The best-of-k table of the chat webview: the attempts of the last task side by side (model, tests,
// files and lines changed, tokens, time), the one whose changes are proposed marked, with buttons to
// propose another attempt instead or open its diffs (posted as pickAttempt / openAttemptDiff).
import './attempts.css';
import type { PanelState } from '../src/protocol/messages';

function cell(tag: string, text: string, attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.textContent = text;
  return e;
}

function button(action: string, index: number, text: string, title: string, disabled: boolean): HTMLElement {
  const b = cell('button', text, { class: 'secondary', 'data-action': action, 'data-attempt': String(index), 'data-testid': action, title, 'aria-label': `${title} (attempt ${index})` });
  if (disabled) b.setAttribute('disabled', '');
  return b;
}

export function renderAttempts(host: HTMLElement, s: PanelState): void {
  const a = s.attempts;
  host.hidden = !a;
  if (!a) return host.replaceChildren();
  const head = cell('div', `Best of ${a.total} · verified with ${a.testCommand}`, { class: 'attempts-head' });
  const table = document.createElement('table');
  table.className = 'attempts-table';
  const header = document.createElement('tr');
  for (const h of ['#', 'model', 'tests', 'files', 'lines', 'tokens', 'time', '']) header.append(cell('th', h));
  table.append(header);
  for (const r of a.rows) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'attempt-row';
    tr.dataset.index = String(r.index);
    if (r.chosen) tr.className = 'chosen';
    // data-label: the column's name, shown before the value when the panel is too narrow for the table.
    tr.append(
      cell('td', `${r.chosen ? '→ ' : ''}${r.index}`),
      cell('td', r.model),
      cell('td', r.tests, { class: r.state === 'running' ? 'running' : r.passed ? 'passed' : 'failed', 'data-label': 'tests' }),
      cell('td', String(r.files), { 'data-label': 'files' }),
      cell('td', `+${r.added} −${r.removed}`),
      cell('td', r.tokens.toLocaleString(), { 'data-label': 'tokens' }),
      cell('td', r.state === 'running' ? '…' : `${(r.durationMs / 1000).toFixed(1)} s`),
    );
    const actions = cell('td', '', { class: 'attempt-actions' });
    const done = r.state !== 'running' && !s.running;
    if (!a.archived) actions.append(button('attemptDiff', r.index, 'Diff', 'Open this attempt\'s diff', r.state === 'running' || r.files === 0), button('pickAttempt', r.index, 'Use', 'Propose this attempt\'s changes instead', r.chosen || r.files === 0 || (!done && !r.passed)));
    tr.append(actions);
    table.append(tr);
  }
  const parts: HTMLElement[] = [head, table];
  if (a.archived) parts.push(cell('div', 'From an earlier session: the attempts\' copies are gone, so they can no longer be opened or picked.', { class: 'attempts-archived', 'data-testid': 'attempts-archived' }));
  if (a.passAtK) parts.push(cell('div', Object.entries(a.passAtK).map(([k, p]) => `pass@${k} ${p.toFixed(2)}`).join(' · '), { class: 'attempts-foot' }));
  host.replaceChildren(...parts);
}

/** Shows tandem.agent.attempts in the attempts control (adding the value when it is not an option). */
export function syncAttemptCount(select: HTMLSelectElement, count: number | undefined): void {
  const value = String(count ?? 1);
  if (!Array.from(select.options).some((o) => o.value === value)) select.append(cell('option', `best of ${value}`, { value }));
  if (select.value !== value) select.value = value;
}
