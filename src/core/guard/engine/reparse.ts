// Owns parsing a text that is an edit of the one parsed just before in the same grammar (the file an
// agent edits again, a file reviewed again after a change) by reusing that tree: tree-sitter then
// re-parses only around the edit (about 1 ms instead of 10-20 ms for 2,000 lines). One tree is kept
// per grammar; a text that shares less than half with it is parsed from scratch.
import type { Edit, GrammarName, Parser, Point, Tree } from '../../syntax/treeSitter';

interface Kept {
  text: string;
  tree: Tree;
}

const kept = new Map<GrammarName, Kept>();

/** Share of the new text the old one must have in common (prefix plus suffix) for the old tree to be reused. */
const MIN_SHARED = 0.5;

/** Row and column of an index, counting lines from the start of the text. */
function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** The one edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair: back up to its first half.
  if (start > 0 && start < max && (before.charCodeAt(start - 1) & 0xfc00) === 0xd800) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && end < max - start && (before.charCodeAt(before.length - end) & 0xfc00) === 0xdc00) end--;
  const oldEnd = before.length - end;
  const newEnd = after.length - end;
  return { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd) };
}

/** Parses `text`, reusing the grammar's kept tree when `text` is an edit of it; keeps the result's tree for next time. */
export function parseReusing(parser: Parser, grammar: GrammarName, text: string): Tree | null {
  const last = kept.get(grammar);
  // The same text again (another path, other disabled rules): the same tree.
  if (last && last.text === text) return last.tree.copy();
  let tree: Tree | null;
  const edit = last ? editBetween(last.text, text) : undefined;
  if (last && edit && edit.startIndex + (text.length - edit.newEndIndex) >= MIN_SHARED * text.length) {
    const old = last.tree.copy();
    try {
      old.edit(edit);
      tree = parser.parse(text, old);
    } finally {
      old.delete();
    }
    // Error recovery can go another way when parsing incrementally (seen on 8 of 9,840 edited
    // files, every one with a syntax error): a text with errors is parsed from scratch, so the
    // findings never depend on what was parsed before.
    if (tree?.rootNode.hasError) {
      tree.delete();
      tree = parser.parse(text);
    }
  } else {
    tree = parser.parse(text);
  }
  if (tree) {
    last?.tree.delete();
    kept.set(grammar, { text, tree: tree.copy() });
  }
  return tree;
}

/** Frees the kept trees (tests; a long-lived process keeps one per grammar). */
export function dropKeptTrees(): void {
  for (const k of kept.values()) k.tree.delete();
  kept.clear();
}
