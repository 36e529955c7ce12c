// The in-place view of a proposed change: removed lines above added ones per hunk, and every Keep or
// Undo deleting exactly one run, so that after all verdicts the text equals applyHunks' result.
import { strict as assert } from 'node:assert';
import { applyHunks } from '../../../../src/core/edits/hunks';
import { InlineDiff, type InlineVerdict } from '../../../../src/core/edits/inlineDiff';

const OLD = ['function add(a, b) {', '  return a + b;', '}', '', 'function sub(a, b) {', '  return a - b;', '}', '', 'module.exports = { add, sub };', ''].join('\n');
const NEW = ['function add(a, b) {', '  if (typeof a !== "number") throw new TypeError("a");', '  return a + b;', '}', '', 'function sub(a, b) {', '  return b - a;', '}', '', 'module.exports = { add, sub };', ''].join('\n');

/** Applies the deletions the way the editor does, on an array of lines. */
function play(diff: InlineDiff, verdicts: Array<[number, InlineVerdict]>): string {
  const lines = diff.text.split('\n');
  for (const [index, verdict] of verdicts) {
    const d = diff.decide(index, verdict);
    assert.ok(d, `hunk ${index} is decided once`);
    lines.splice(d.start, d.count);
  }
  return lines.join('\n');
}

describe('inline diff', () => {
  it('shows each hunk as its removed lines followed by its added lines', () => {
    const diff = new InlineDiff(OLD, NEW);
    assert.equal(diff.hunks.length, 2);
    const lines = diff.text.split('\n');
    const [first, second] = diff.hunks;
    assert.deepEqual([first.removed, first.added], [0, 1]);
    assert.equal(lines[first.start], '  if (typeof a !== "number") throw new TypeError("a");');
    assert.deepEqual([second.removed, second.added], [1, 1]);
    assert.deepEqual(lines.slice(second.start, second.start + 2), ['  return a - b;', '  return b - a;']);
  });

  const cases: Array<{ name: string; verdicts: Array<[number, InlineVerdict]>; kept: number[] }> = [
    { name: 'keeps both', verdicts: [[0, 'kept'], [1, 'kept']], kept: [0, 1] },
    { name: 'undoes both', verdicts: [[1, 'undone'], [0, 'undone']], kept: [] },
    { name: 'keeps the first and undoes the second', verdicts: [[0, 'kept'], [1, 'undone']], kept: [0] },
    { name: 'undoes the first and keeps the second, decided last to first', verdicts: [[1, 'kept'], [0, 'undone']], kept: [1] },
    { name: 'undoes the first and then keeps the second (later lines move up)', verdicts: [[0, 'undone'], [1, 'kept']], kept: [1] },
    { name: 'undoes the first and then the second', verdicts: [[0, 'undone'], [1, 'undone']], kept: [] },
  ];
  for (const c of cases) {
    it(`ends with the text of the kept hunks when the user ${c.name}`, () => {
      const diff = new InlineDiff(OLD, NEW);
      assert.equal(play(diff, c.verdicts), applyHunks(OLD, NEW, new Set(c.kept)));
      assert.equal(diff.done(), true);
      assert.deepEqual(diff.undone().sort(), [0, 1].filter((i) => !c.kept.includes(i)));
    });
  }

  it('refuses a second verdict on the same hunk', () => {
    const diff = new InlineDiff(OLD, NEW);
    assert.ok(diff.decide(0, 'kept'));
    assert.equal(diff.decide(0, 'undone'), undefined);
    assert.equal(diff.decide(7, 'kept'), undefined);
  });

  it('handles a last line without a line break and a change at the very end', () => {
    const diff = new InlineDiff('a\nb', 'a\nc');
    assert.equal(diff.text, 'a\nb\nc');
    assert.equal(play(new InlineDiff('a\nb', 'a\nc'), [[0, 'kept']]), 'a\nc');
    assert.equal(play(new InlineDiff('a\nb', 'a\nc'), [[0, 'undone']]), 'a\nb');
  });

  it('maps a line of the proposed file to where it is shown, following the verdicts', () => {
    const diff = new InlineDiff(OLD, NEW);
    // Proposed line 2 is the added check; proposed line 7 is "return b - a;" shown after the removed line.
    assert.equal(diff.lineOfNew(2), 1);
    assert.equal(diff.lineOfNew(7), diff.hunks[1].start + 1);
    assert.equal(diff.lineOfNew(10), diff.text.split('\n').indexOf('module.exports = { add, sub };'));
    diff.decide(0, 'undone');
    assert.equal(diff.lineOfNew(2), undefined, 'an undone line is not shown');
    assert.equal(diff.lineOfNew(1), 0);
  });

  it('finds the undecided hunk under a line', () => {
    const diff = new InlineDiff(OLD, NEW);
    assert.equal(diff.hunkAt(diff.hunks[1].start + 1)?.index, 1);
    assert.equal(diff.hunkAt(0), undefined);
  });
});
