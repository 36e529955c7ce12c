// A tool step while it runs: a command's output streams into the step as it arrives (the step opens
// by itself once output comes, as in Cline, unless the user folded it), the output follows its end
// unless the user scrolled up, and a step whose call waits for the user's approval says so instead
// of "running…". main.ts draws steps; this module decides their live parts and patches a running
// step in place, so streamed output neither redraws the step nor resets its scroll.
import type { ChatItem } from '../src/protocol/messages';

type ToolItem = Extract<ChatItem, { kind: 'tool' }>;

/** Steps the user folded while they ran: they are not opened again by new output. */
const folded = new Set<string>();

/** Whether a step opens by itself: running with output to show, and not folded by the user. */
export function opensLive(item: ToolItem): boolean {
  return item.state === 'running' && !item.waiting && item.output !== '' && !folded.has(item.id);
}

/** Remembers that the user folded a running step. */
export function noteToggle(item: ToolItem, open: boolean): void {
  if (!open && item.state === 'running') folded.add(item.id);
}

/** The step's status: its icon, what its output shows before there is any, and a word for the summary line. */
export function stepStatus(item: ToolItem): { icon: string; label: string; empty: string; note?: string } {
  if (item.waiting) return { icon: 'bell', label: 'waiting for approval', empty: 'waiting for approval', note: 'waiting for approval' };
  if (item.state === 'running') return { icon: 'loading codicon-modifier-spin', label: 'running', empty: 'running…' };
  return { icon: item.state === 'done' ? 'check' : 'error', label: item.state, empty: '(no output)' };
}

/** Everything but the output: two states of a step with the same key differ only in streamed output. */
function shape(item: ToolItem): string {
  return JSON.stringify({ ...item, output: item.output ? 1 : 0 });
}

/** Marks a drawn step so a later chunk of output can patch it. */
export function markLive(node: HTMLElement, item: ToolItem): void {
  node.dataset.shape = shape(item);
  const pre = node.querySelector<HTMLElement>('pre.output');
  // Drawn anew while running (opened, or a new step): start at the end of the output.
  if (pre && item.state === 'running') queueMicrotask(() => (pre.scrollTop = pre.scrollHeight));
}

/** Updates a running step's output in place; false when anything else changed (the step is drawn again). */
export function patchLive(item: ToolItem, node: HTMLElement): boolean {
  if (item.state !== 'running' || node.dataset.shape !== shape(item)) return false;
  const pre = node.querySelector<HTMLElement>('pre.output');
  if (!pre) return false;
  const atEnd = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 8;
  pre.textContent = item.output || stepStatus(item).empty;
  if (atEnd) pre.scrollTop = pre.scrollHeight;
  return true;
}
