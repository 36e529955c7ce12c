// File paths in the panel's tool steps as links: the step's own file (read_file, edit_file,
// write_file, apply_patch) opens at the lines it read or changed; the locations its output names
// (search hits, references, diagnostics, find_files' list) open at theirs. A click posts the path
// and line; the extension decides whether it may open (only workspace files) and says why not.
import type { ChatItem, ToExtension } from '../src/protocol/messages';
import { PATH_LIST_TOOLS, stepLinks } from '../src/protocol/stepLinks';
import { el } from './dom';

type Post = (m: ToExtension) => void;
type ToolItem = Extract<ChatItem, { kind: 'tool' }>;

function link(text: string, path: string, line?: number, endLine?: number): HTMLElement {
  const a = el('button', { class: 'link file-link', 'data-testid': 'file-link', 'data-open-path': path, title: `Open ${path}${line ? ` at line ${line}` : ''}` }, text);
  if (line) a.dataset.line = String(line);
  if (endLine) a.dataset.endLine = String(endLine);
  return a;
}

/** An icon button beside the step's summary that opens the step's file (a summary holds no controls). */
function openButton(path: string, line?: number, endLine?: number): HTMLElement {
  const where = line ? (endLine && endLine !== line ? ` at lines ${line}–${endLine}` : ` at line ${line}`) : '';
  const b = el('button', { class: 'icon file-link', 'data-testid': 'file-link', 'data-open-path': path, title: `Open ${path}${where}`, 'aria-label': `Open ${path}${where}` });
  b.append(el('i', { class: 'codicon codicon-go-to-file' }));
  if (line) b.dataset.line = String(line);
  if (endLine) b.dataset.endLine = String(endLine);
  return b;
}

/** Gives the step a button that opens its file, and makes the locations in its output links (the texts shown stay the same). */
export function linkStep(step: HTMLElement, item: ToolItem): void {
  const actions = step.querySelector('.step-actions');
  if (actions && item.target) actions.prepend(openButton(item.target.path, item.target.line, item.target.endLine));
  const out = step.querySelector('pre.output');
  if (!out || !item.output) return;
  const links = stepLinks(item.output, PATH_LIST_TOOLS.has(item.name));
  if (links.length === 0) return;
  const parts: Node[] = [];
  let at = 0;
  for (const l of links) {
    if (l.start > at) parts.push(document.createTextNode(item.output.slice(at, l.start)));
    parts.push(link(item.output.slice(l.start, l.end), l.path, l.line));
    at = l.end;
  }
  if (at < item.output.length) parts.push(document.createTextNode(item.output.slice(at)));
  out.replaceChildren(...parts);
}

/** One click handler for every file link in the log. */
export function installStepLinkActions(app: HTMLElement, post: Post): void {
  app.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLElement>('button[data-open-path]');
    if (!b) return;
    ev.preventDefault();
    const line = Number(b.dataset.line) || undefined;
    const endLine = Number(b.dataset.endLine) || undefined;
    post({ type: 'openLocation', path: b.dataset.openPath ?? '', ...(line ? { line } : {}), ...(endLine ? { endLine } : {}) });
  });
}
