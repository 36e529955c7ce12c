// Owns the attachments built from editor facts: the selection (or the lines around the cursor),
// the workspace's problems, the uncommitted git diff and a terminal's output. The editor adapter
// gathers the raw facts; the shaping (line numbers, caps, what is said when there is nothing) is here.
import type { Attachment } from './attachments';
import { userGit } from '../util/userGit';
import { driverOverrides } from '../util/gitDrivers';

/** Lines shown on each side of the cursor when nothing is selected. */
export const CURSOR_CONTEXT_LINES = 20;
export const MAX_SELECTION_CHARS = 100_000;
export const MAX_GIT_DIFF_CHARS = 200_000;
export const MAX_PROBLEMS = 200;
export const MAX_TERMINAL_CHARS = 50_000;

export interface EditorSnapshot {
  /** Workspace-relative path (or the file name for a file outside it). */
  path: string;
  languageId: string;
  /** The document's lines. */
  lines: string[];
  /** 0-based, inclusive start and exclusive end line/character of the selection. */
  selection: { startLine: number; startChar: number; endLine: number; endChar: number };
}

/** The selection as an attachment, or (no selection) the lines around the cursor. */
export function selectionAttachment(e: EditorSnapshot): Attachment {
  const s = e.selection;
  const empty = s.startLine === s.endLine && s.startChar === s.endChar;
  if (empty) {
    const from = Math.max(0, s.startLine - CURSOR_CONTEXT_LINES);
    const to = Math.min(e.lines.length, s.startLine + CURSOR_CONTEXT_LINES + 1);
    return { kind: 'selection', source: `${e.path}:${from + 1}-${to}`, note: `the cursor is on line ${s.startLine + 1}; nothing selected`, text: fence(e.languageId, e.lines.slice(from, to).join('\n')) };
  }
  const picked = e.lines.slice(s.startLine, s.endLine + 1);
  if (picked.length) {
    picked[picked.length - 1] = picked[picked.length - 1].slice(0, s.endLine === s.startLine ? s.endChar : s.endChar);
    picked[0] = picked[0].slice(s.startChar);
  }
  let text = picked.join('\n');
  const cut = text.length > MAX_SELECTION_CHARS;
  if (cut) text = text.slice(0, MAX_SELECTION_CHARS);
  return { kind: 'selection', source: `${e.path}:${s.startLine + 1}-${s.endLine + 1}`, text: fence(e.languageId, text), ...(cut ? { note: `first ${MAX_SELECTION_CHARS} characters of the selection` } : {}) };
}

/** The chip's label for the selection attachment ("app.ts:3-9", or "app.ts" near the cursor). */
export function selectionLabel(e: EditorSnapshot): string {
  const s = e.selection;
  const name = e.path.split('/').pop() ?? e.path;
  const empty = s.startLine === s.endLine && s.startChar === s.endChar;
  return empty ? `${name} (line ${s.startLine + 1})` : `${name}:${s.startLine + 1}-${s.endLine + 1}`;
}

function fence(lang: string, text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

export interface Problem {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
}

/** @problems: errors first, then warnings; information and hints left out. */
export function problemsAttachment(problems: Problem[]): Attachment {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 } as const;
  const shown = problems.filter((p) => p.severity === 'error' || p.severity === 'warning').sort((a, b) => rank[a.severity] - rank[b.severity] || a.path.localeCompare(b.path) || a.line - b.line);
  const lines = shown.slice(0, MAX_PROBLEMS).map((p) => `${p.path}:${p.line}:${p.column} ${p.severity}: ${p.message.replace(/\s+/g, ' ')}${p.source ? ` (${p.source})` : ''}`);
  return {
    kind: 'problems',
    source: 'problems',
    text: lines.length ? lines.join('\n') : 'No errors or warnings in the workspace.',
    ...(shown.length > MAX_PROBLEMS ? { note: `first ${MAX_PROBLEMS} of ${shown.length}` } : {}),
  };
}

/** The user's git in the workspace (util/userGit.ts: a repository's own config runs no program); rejects with git's first line. */
async function git(root: string, args: string[], signal?: AbortSignal, drivers: ReadonlyArray<readonly [string, string]> = []): Promise<string> {
  const r = await userGit(root, args, signal, 'git', drivers);
  if (r.code !== 0) throw new Error((r.stderr || `git exited with code ${r.code}`).split('\n')[0]);
  return r.stdout;
}

/** @git: the uncommitted changes (staged and not) against HEAD, and the untracked files' names. */
export async function gitDiffAttachment(root: string, signal?: AbortSignal): Promise<Attachment> {
  let diff: string;
  try {
    const hasHead = await git(root, ['rev-parse', '--verify', '-q', 'HEAD'], signal).then(() => true, () => false);
    // Comparing with the working tree runs the repository's clean filters: its own are forced off.
    const drivers = (await driverOverrides([root], undefined)).pairs;
    diff = await git(root, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...(hasHead ? ['HEAD'] : ['--cached']), '--'], signal, drivers);
  } catch (err) {
    throw new Error(`@git needs a git repository: ${(err as Error).message}`);
  }
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard'], signal).catch(() => '')).trim();
  let text = diff.trim() || 'No uncommitted changes to tracked files.';
  const cut = text.length > MAX_GIT_DIFF_CHARS;
  if (cut) text = text.slice(0, MAX_GIT_DIFF_CHARS);
  if (untracked) text += `\n\nUntracked files:\n${untracked}`;
  return { kind: 'git', source: 'git diff HEAD', text, ...(cut ? { note: `first ${MAX_GIT_DIFF_CHARS} characters of the diff` } : {}) };
}

/** @terminal: a terminal's selection or its last command's output. */
export function terminalAttachment(name: string, text: string, what: 'selection' | 'last output', command?: string): Attachment {
  // eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters
  let clean = text.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g, '').replace(/\r\n?/g, '\n');
  const cut = clean.length > MAX_TERMINAL_CHARS;
  if (cut) clean = clean.slice(-MAX_TERMINAL_CHARS);
  return { kind: 'terminal', source: `terminal "${name}" (${what}${command ? ` of \`${command}\`` : ''})`, text: clean, ...(cut ? { note: `last ${MAX_TERMINAL_CHARS} characters` } : {}) };
}
