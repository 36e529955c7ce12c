// Incremental re-parsing: the edit between two texts (positions included), an edited text parsed
// from the kept tree giving the same tree as a fresh parse, and the cases that must parse from
// scratch (an unrelated text, a text with syntax errors, whose error recovery may differ).
import { strict as assert } from 'node:assert';
import { createParser, type Parser, type Tree } from '../../../../src/core/syntax/treeSitter';
import { dropKeptTrees, editBetween, parseReusing } from '../../../../src/core/guard/engine/reparse';

const FILE = ['import os', '', 'def handler(event, context):', '    cmd = event["cmd"]', '    os.system("ls " + cmd)', '    return 1', ''].join('\n');

/** The parser, recording for each parse whether it was given an old tree to reuse. */
function spying(real: Parser): { parser: Parser; calls: boolean[] } {
  const calls: boolean[] = [];
  const parser = { parse: (text: string, old?: Tree | null) => (calls.push(!!old), real.parse(text, old)) } as unknown as Parser;
  return { parser, calls };
}

describe('guard incremental re-parse', () => {
  let real: Parser;
  let fresh: Parser;
  before(async () => {
    real = await createParser('python');
    fresh = await createParser('python');
  });
  after(() => {
    dropKeptTrees();
    real.delete();
    fresh.delete();
  });
  beforeEach(() => dropKeptTrees());

  describe('the edit between two texts', () => {
    const table: Array<[string, string, string, [number, number, number], [number, number], [number, number], [number, number]]> = [
      ['an inserted line', 'a\nb\nc', 'a\nb\nx\nc', [4, 4, 6], [2, 0], [2, 0], [3, 0]],
      ['a deleted line', 'a\nb\nc\nd', 'a\nd', [2, 6, 2], [1, 0], [3, 0], [1, 0]],
      ['a changed word', 'x = 1\ny = foo(2)\n', 'x = 1\ny = bar(2)\n', [10, 13, 13], [1, 4], [1, 7], [1, 7]],
      ['text added at the end', 'abc', 'abcdef', [3, 3, 6], [0, 3], [0, 3], [0, 6]],
      ['text added at the start', 'abc', 'zabc', [0, 0, 1], [0, 0], [0, 0], [0, 1]],
      // 😀 is two UTF-16 units (\ud83d\ude00), 😁 is \ud83d\ude01: the edit must not start inside the pair.
      ['an emoji changed for another', 's = "😀"', 's = "😁"', [5, 7, 7], [0, 5], [0, 7], [0, 7]],
    ];
    for (const [name, before, after, [start, oldEnd, newEnd], startPos, oldPos, newPos] of table) {
      it(`spans ${name}`, () => {
        const e = editBetween(before, after);
        assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [start, oldEnd, newEnd]);
        assert.deepEqual([e.startPosition, e.oldEndPosition, e.newEndPosition], [startPos, oldPos, newPos].map(([row, column]) => ({ row, column })));
        assert.equal(before.slice(0, e.startIndex) + after.slice(e.startIndex, e.newEndIndex) + before.slice(e.oldEndIndex), after);
      });
    }
  });

  it('parses an edit of the last text from its tree, to the same tree a fresh parse gives', () => {
    const { parser, calls } = spying(real);
    parseReusing(parser, 'python', FILE)?.delete();
    const edited = FILE.replace('    return 1', '    path = event["path"]\n    open(path)\n    return 1');
    const tree = parseReusing(parser, 'python', edited)!;
    const ref = fresh.parse(edited)!;
    assert.deepEqual(calls, [false, true]);
    assert.equal(tree.rootNode.toString(), ref.rootNode.toString());
    assert.equal(tree.rootNode.endIndex, edited.length);
    tree.delete();
    ref.delete();
  });

  it('gives the kept tree again for the same text, without parsing', () => {
    const { parser, calls } = spying(real);
    const a = parseReusing(parser, 'python', FILE)!;
    const b = parseReusing(parser, 'python', FILE)!;
    assert.deepEqual(calls, [false]);
    assert.equal(b.rootNode.toString(), a.rootNode.toString());
    a.delete();
    // The copy handed out lives on after the other is freed.
    assert.equal(b.rootNode.type, 'module');
    b.delete();
  });

  it('parses from scratch a text that shares little with the last one', () => {
    const { parser, calls } = spying(real);
    parseReusing(parser, 'python', FILE)?.delete();
    parseReusing(parser, 'python', 'import sys\nprint(sys.argv)\n')?.delete();
    assert.deepEqual(calls, [false, false]);
  });

  it('parses from scratch an edit that leaves a syntax error, so error recovery never depends on the last text', () => {
    const { parser, calls } = spying(real);
    parseReusing(parser, 'python', FILE)?.delete();
    const broken = FILE.replace('os.system("ls " + cmd)', 'os.system("ls " + cmd');
    const tree = parseReusing(parser, 'python', broken)!;
    const ref = fresh.parse(broken)!;
    assert.deepEqual(calls, [false, true, false]);
    assert.ok(ref.rootNode.hasError);
    assert.equal(tree.rootNode.toString(), ref.rootNode.toString());
    tree.delete();
    ref.delete();
  });
});
