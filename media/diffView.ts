// A change card's diff: the unified diff from its first hunk on, each line with its old and new line
// numbers (from the hunk headers), added and removed lines in the theme's diff colours, the changed
// characters of an edited line marked (inlineDiff.ts), long lines wrapped under their own text so a
// narrow panel still shows the edit; hidden and bidirectional Unicode shown escaped ("Trojan Source"
// lines read differently than they run).
import { escapeHiddenUnicode } from '../src/protocol/hiddenUnicode';
import { el } from './dom';
import { pairChanges } from './inlineDiff';
import './diffView.css';

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

interface Row {
  kind: 'hunk' | 'add' | 'del' | 'ctx';
  oldShown: string;
  newShown: string;
  /** The escaped line without its +/-/space prefix. */
  text: string;
  prefix: string;
}

export function renderDiff(diff: string): { pre: HTMLElement; escaped: boolean } {
  // Focusable: a long diff scrolls, and keyboard users must be able to scroll it.
  const pre = el('pre', { class: 'diff numbered', 'aria-label': 'Proposed change', tabindex: '0' });
  const lines = diff.split('\n');
  const start = Math.max(0, lines.findIndex((l) => l.startsWith('@@')));
  let escaped = false;
  let oldNo = 0;
  let newNo = 0;
  const rows: Row[] = [];
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
    const cut = kind === 'hunk' ? 0 : 1;
    rows.push({ kind, oldShown, newShown, prefix: shown.text.slice(0, cut), text: shown.text.slice(cut) });
  }
  const marks = pairChanges(rows);
  rows.forEach((r, i) => {
    const row = el('span', { class: `line ${r.kind === 'ctx' ? '' : r.kind}`.trim() });
    const txt = el('span', { class: 'txt' }, r.prefix);
    const mark = marks.get(i);
    if (mark && mark[1] > mark[0]) {
      const kind = r.kind === 'add' ? 'inserted' : 'removed';
      txt.append(r.text.slice(0, mark[0]), el('mark', { class: `chg ${kind}`, 'data-testid': `changed-${kind}` }, r.text.slice(mark[0], mark[1])), r.text.slice(mark[1]));
    } else txt.append(r.text);
    row.append(el('span', { class: 'ln', 'aria-hidden': 'true' }, r.oldShown), el('span', { class: 'ln', 'aria-hidden': 'true' }, r.newShown), txt);
    pre.append(row);
  });
  return { pre, escaped };
}
