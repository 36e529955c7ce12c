// A change card's diff: the unified diff from its first hunk on, each line with its old and new line
// numbers (from the hunk headers), added and removed lines in the theme's diff colours, scrolling
// sideways instead of wrapping; hidden and bidirectional Unicode shown escaped ("Trojan Source"
// lines read differently than they run).
import { escapeHiddenUnicode } from '../src/protocol/hiddenUnicode';
import { el } from './dom';
import './diffView.css';

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function renderDiff(diff: string): { pre: HTMLElement; escaped: boolean } {
  // Focusable: it scrolls sideways, and keyboard users must be able to scroll it.
  const pre = el('pre', { class: 'diff numbered', 'aria-label': 'Proposed change', tabindex: '0' });
  const lines = diff.split('\n');
  const start = Math.max(0, lines.findIndex((l) => l.startsWith('@@')));
  let escaped = false;
  let oldNo = 0;
  let newNo = 0;
  for (const line of lines.slice(start)) {
    if (line === '' || line.startsWith('\\')) continue; // the trailing newline, "\ No newline at end of file"
    const hunk = HUNK.exec(line);
    const kind = hunk ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
    let oldShown = '';
    let newShown = '';
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
    } else if (kind === 'add') newShown = String(newNo++);
    else if (kind === 'del') oldShown = String(oldNo++);
    else {
      oldShown = String(oldNo++);
      newShown = String(newNo++);
    }
    const shown = escapeHiddenUnicode(line);
    escaped ||= shown.escaped;
    const row = el('span', { class: `line ${kind === 'ctx' ? '' : kind}`.trim() });
    row.append(el('span', { class: 'ln', 'aria-hidden': 'true' }, oldShown), el('span', { class: 'ln', 'aria-hidden': 'true' }, newShown), el('span', { class: 'txt' }, shown.text));
    pre.append(row);
  }
  return { pre, escaped };
}
