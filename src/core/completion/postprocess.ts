// Owns what is shown of a model's raw completion: single- vs multi-line, stop sequences, the end
// of the current block, never repeating what already follows the cursor, and dropping useless
// results (empty, whitespace, a repeat of the line above or below).
export interface PostprocessInput {
  raw: string;
  linePrefix: string;
  lineSuffix: string;
  /** The line above the cursor line ('' at the top of the file). */
  prevLine: string;
  /** The next lines after the cursor line (a few are enough). */
  nextLines: string[];
  multiline: boolean;
  stops: string[];
}

export interface Processed {
  text: string;
  replaceAfter: number;
}

const CLOSERS = /^[\s)\]}>'"`;,.]*$/;

/** Multi-line completions make sense on an empty line or right after a block opener. */
export function wantsMultiline(linePrefix: string, lineSuffix: string): boolean {
  if (lineSuffix.trim() !== '' && !CLOSERS.test(lineSuffix)) return false;
  if (lineSuffix.trim() !== '') return false;
  if (linePrefix.trim() === '') return true;
  return /([{([:]|=>|\bthen|\bdo)\s*$/.test(linePrefix);
}

/** True when the cursor sits inside a word, where a completion cannot help. */
export function midWord(linePrefix: string, lineSuffix: string): boolean {
  return /[\p{L}\p{N}_$]$/u.test(linePrefix) && /^[\p{L}\p{N}_$]/u.test(lineSuffix);
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
}

function cutAtStops(text: string, stops: string[]): string {
  let end = text.length;
  for (const s of stops) {
    if (!s) continue;
    const i = text.indexOf(s);
    if (i >= 0 && i < end) end = i;
  }
  return text.slice(0, end);
}

/** Keeps the lines of a multi-line completion that belong to the current block. */
function cutAtBlockEnd(lines: string[], linePrefix: string, nextLines: string[]): string[] {
  const cursorIndent = indentOf(linePrefix + (lines[0] ?? ''));
  const bodyStart = linePrefix.trim() === '' ? cursorIndent : -1;
  const nextNonBlank = nextLines.find((l) => l.trim() !== '');
  const out: string[] = [lines[0]];
  let depth = bracketDelta(linePrefix + lines[0]);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    const ind = indentOf(line);
    // Left the block the cursor was in.
    if (ind < cursorIndent && depth <= 0) break;
    // A closer at the body's own indentation closes the enclosing block, which the file already has.
    if (bodyStart >= 0 && ind < bodyStart) break;
    // The completion has reached text that already follows the cursor.
    if (nextNonBlank !== undefined && line.trim() === nextNonBlank.trim() && depth <= 0) break;
    out.push(line);
    const before = depth;
    depth += bracketDelta(line);
    // A block the completion (or the cursor line) opened has just closed at the cursor's level.
    if (ind <= cursorIndent && (depth < 0 || (before > 0 && depth <= 0))) break;
  }
  while (out.length > 1 && out[out.length - 1].trim() === '') out.pop();
  return out;
}

function bracketDelta(s: string): number {
  let d = 0;
  for (const c of s.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '')) {
    if (c === '{' || c === '(' || c === '[') d++;
    else if (c === '}' || c === ')' || c === ']') d--;
  }
  return d;
}

/** True when every character of `needle` appears in `hay`, in order. */
function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const c of hay) if (c === needle[i]) i++;
  return i >= needle.length;
}

export function postprocess(input: PostprocessInput): Processed | undefined {
  let text = cutAtStops(input.raw.replace(/\r\n/g, '\n'), input.stops);
  // A completion that starts with a newline on a non-empty line moves to the next line: keep it only
  // when multi-line is wanted.
  let lines = text.split('\n');
  if (!input.multiline) {
    if (lines[0].trim() === '' && input.linePrefix.trim() !== '') return undefined;
    lines = [lines[0]];
  } else {
    lines = cutAtBlockEnd(lines, input.linePrefix, input.nextLines);
  }
  text = lines.join('\n').replace(/\s+$/, '');
  if (text.trim() === '') return undefined;

  // Repeats of neighbouring lines are noise.
  const firstFull = (input.linePrefix + lines[0]).trim();
  if (firstFull !== '' && lines.length === 1 && firstFull === input.prevLine.trim() && input.linePrefix.trim() === '') return undefined;
  const nextNonBlank = input.nextLines.find((l) => l.trim() !== '');
  if (input.linePrefix.trim() === '' && nextNonBlank !== undefined && text.trim() === nextNonBlank.trim()) return undefined;

  // Never repeat what follows the cursor on its line (only single-line completions meet it: a
  // multi-line one is only asked for when the rest of the line is blank).
  let replaceAfter = 0;
  const rest = input.lineSuffix.replace(/\s+$/, '');
  if (rest !== '' && !text.includes('\n')) {
    if (text.endsWith(rest)) {
      text = text.slice(0, text.length - rest.length);
    } else if (CLOSERS.test(rest) && isSubsequence(rest.replace(/\s/g, ''), text)) {
      // The completion rewrites the closers itself: replace them rather than insert before them.
      replaceAfter = input.lineSuffix.length;
    } else {
      for (let k = Math.min(rest.length, text.length); k > 0; k--) {
        if (text.endsWith(rest.slice(0, k))) {
          text = text.slice(0, text.length - k);
          break;
        }
      }
    }
    if (text.trim() === '') return undefined;
  }
  return { text, replaceAfter };
}
