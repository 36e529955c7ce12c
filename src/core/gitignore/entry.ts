// Owns the text side of adding `.tandem/` to a .gitignore: whether a file already lists the folder
// (any spelling that ignores it from that directory), and what to append so the file keeps its line
// endings and ends with a newline. Pure: no file system, no git.

export const TANDEM_ENTRY = '.tandem/';

/** `.tandem`, `.tandem/`, `/.tandem`, `/.tandem/`, `.tandem/*`, `.tandem/**`, `**\/.tandem`, `**\/.tandem/**` … */
const TANDEM_SPELLING = /^(?:\*\*\/|\/)?\.tandem(?:\/(?:\*{1,2})?)?$/;

/** One line as git reads it: a leading BOM and unescaped trailing spaces do not count. */
function patternOf(line: string): string {
  let p = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  while (p.endsWith(' ') && !p.endsWith('\\ ')) p = p.slice(0, -1);
  return p;
}

/** Whether the .gitignore text already has a line ignoring `.tandem/` (comments and `!` negations do not count). */
export function listsTandemFolder(text: string): boolean {
  return text.split('\n').some((line) => TANDEM_SPELLING.test(patternOf(line)));
}

/** The file's line ending: CRLF when most of its line breaks are, otherwise LF (also for a file without any). */
export function lineEndingOf(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * What to append to a .gitignore holding `existing` (undefined: the file does not exist) so that it
 * lists `.tandem/` on a line of its own and ends with a line break; '' when it already lists it.
 * Appending only (never rewriting) is what keeps the user's file safe if anything fails midway.
 */
export function tandemEntryAppendix(existing: string | undefined): string {
  if (existing === undefined || existing.replace(/^\uFEFF/, '') === '') return `${TANDEM_ENTRY}\n`;
  if (listsTandemFolder(existing)) return '';
  const eol = lineEndingOf(existing);
  return `${existing.endsWith('\n') ? '' : eol}${TANDEM_ENTRY}${eol}`;
}
