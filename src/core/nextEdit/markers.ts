// Owns the markers both prompt formats share (Zeta's tokens, reused by the chat format so one parser
// reads both) and the input a prompt is built from.
import type { Snippet } from '../completion/templates';
import type { Region } from './region';

export const START = '<|editable_region_start|>';
export const END = '<|editable_region_end|>';
export const CURSOR = '<|user_cursor_is_here|>';
export const START_OF_FILE = '<|start_of_file|>';

export interface PromptInput {
  /** Workspace-relative path of the file. */
  path: string;
  languageId: string;
  /** Rendered edit events, oldest first (history.ts renderHistory). */
  events: string[];
  region: Region;
  /** Related code: definitions of used symbols, recent and related snippets. */
  snippets: Snippet[];
}

/** The excerpt: context, the region between markers with the cursor marked, context; no fence. */
export function excerpt(r: Region): string {
  const lines = [...r.lines];
  const c = r.cursor;
  lines[c.line] = lines[c.line].slice(0, c.character) + CURSOR + lines[c.line].slice(c.character);
  return [...(r.startOfFile ? [START_OF_FILE] : []), ...r.before, START, ...lines, END, ...r.after].join('\n');
}

export type Parsed = { kind: 'region'; text: string } | { kind: 'none' } | { kind: 'problem'; message: string };

/**
 * The rewritten region between the first start marker and the next end marker, with repeated
 * markers, the cursor marker and a fence wrapped around the region's text removed.
 */
export function between(raw: string): Parsed {
  const e = raw.indexOf(END, raw.indexOf(START));
  if (raw.indexOf(START) < 0) return { kind: 'problem', message: `the answer has no ${START} marker` };
  if (e < 0) return { kind: 'problem', message: `the answer has no ${END} marker (cut short?)` };
  // A repeated start marker: the region begins after the last one before the end.
  let rest = raw.slice(raw.lastIndexOf(START, e) + START.length, e);
  rest = rest.split(START).join('').split(CURSOR).join('').split(START_OF_FILE).join('');
  rest = rest.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
  const fenced = /^\s*```[\w.+-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(rest);
  return { kind: 'region', text: fenced ? fenced[1] : rest };
}
