// Owns which lines a request about code covers: the lines a selection really spans (one ending at
// column 0 of the next line does not include it), and, without a language server's symbols, the
// block around a line found by indentation (the enclosing function for a diagnostic).

export interface Pos {
  line: number;
  character: number;
}

/** 0-based, inclusive. */
export interface LineSpan {
  start: number;
  end: number;
}

/** The lines a selection covers; an empty selection covers the cursor's line. */
export function selectedLines(start: Pos, end: Pos): LineSpan {
  if (end.line > start.line && end.character === 0) return { start: start.line, end: end.line - 1 };
  return { start: start.line, end: end.line };
}

/** "line 5" or "lines 5-7" (1-based, as editors show them). */
export function describeLines(span: LineSpan): string {
  return span.start === span.end ? `line ${span.start + 1}` : `lines ${span.start + 1}-${span.end + 1}`;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const blank = (l: string) => l.trim() === '';
// A line that opens a function or method in the usual languages (JS/TS, Python, Go, Rust, Java, C#, Ruby, PHP).
const FUNCTION_HEAD = /^(?=(\s*))\1(?!(?:if|else|for|foreach|while|switch|catch|try|do|with|return|using|lock)\b)(?:export\s+)?(?:default\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:(?:public|private|protected|static|async|override|final|abstract|virtual)\s+)*(?:function\b|def\b|fn\b|func\b|sub\b|[\w$<>[\],][\w$<>[\],\s]*\s+[\w$]+\s*\([^;]*\)\s*(?:\{|throws|:|$)|[\w$]+\s*\([^;]*\)\s*(?::\s*[^={;]+)?\s*\{|(?:const|let|var)\s+[\w$]+\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>))/;
const CLOSER = /^\s*(?:[}\])]|end\b)/;

/**
 * The function around `line` by indentation: the nearest line above with less indentation that opens
 * a function (else the outermost block start), down to the line that closes it. Falls back to the
 * line itself when it sits at the top level.
 */
export function enclosingByIndent(text: string, line: number, maxLines = 300): LineSpan {
  const ls = text.split('\n');
  if (line < 0 || line >= ls.length) return { start: Math.max(0, Math.min(line, ls.length - 1)), end: Math.max(0, Math.min(line, ls.length - 1)) };
  let probe = line;
  while (probe > 0 && blank(ls[probe])) probe--;
  let indent = indentOf(ls[probe]);
  let head = FUNCTION_HEAD.test(ls[probe]) ? probe : -1;
  let outermost = -1;
  for (let i = probe - 1; i >= 0 && head < 0 && line - i <= maxLines; i--) {
    if (blank(ls[i]) || indentOf(ls[i]) >= indent) continue;
    indent = indentOf(ls[i]);
    if (CLOSER.test(ls[i])) continue;
    outermost = i;
    if (FUNCTION_HEAD.test(ls[i])) head = i;
    if (indent === 0) break;
  }
  const start = head >= 0 ? head : outermost;
  if (start < 0) return { start: line, end: line };
  const base = indentOf(ls[start]);
  let end = start;
  for (let i = start + 1; i < ls.length && i - start <= maxLines; i++) {
    if (blank(ls[i])) continue;
    if (indentOf(ls[i]) <= base) {
      if (CLOSER.test(ls[i])) end = i;
      break;
    }
    end = i;
  }
  return { start, end: Math.max(end, line) };
}
