// Diff → edits: the rewritten region becomes the fewest characters changed, one edit per changed
// line where lines correspond, and answers no user would want are refused. Staleness: a prediction
// holds only for its document version and while its text is there; taken edits move the rest.
import { strict as assert } from 'node:assert';
import { regionEdits } from '../../../../src/core/nextEdit/edits';
import { afterStep, groupSteps, isAtCursor, isStale, shiftEdits, stillApplies, textIn } from '../../../../src/core/nextEdit/staleness';
import type { TextEdit } from '../../../../src/core/nextEdit/types';
import { applyEdits, source } from './lines';

const REGION = ['function area(width, h) {', '  const s = w * h;', '  log(w);', '  return s;', '}'];
const region = { startLine: 10, lines: REGION };
const FILE = [...Array.from({ length: 10 }, (_, i) => `// ${i}`), ...REGION, '// end'].join('\n');

function edits(answer: string): TextEdit[] {
  const r = regionEdits(region, answer);
  assert.equal(r.kind, 'edits', JSON.stringify(r));
  return (r as { edits: TextEdit[] }).edits;
}

describe('next edit: diff → edits', () => {
  it('turns a rename on two lines into two narrow edits in document coordinates', () => {
    const answer = ['function area(width, h) {', '  const s = width * h;', '  log(width);', '  return s;', '}'].join('\n');
    const e = edits(answer);
    assert.deepEqual(e, [
      { start: { line: 11, character: 13 }, end: { line: 11, character: 13 }, text: 'idth', oldText: '' },
      { start: { line: 12, character: 7 }, end: { line: 12, character: 7 }, text: 'idth', oldText: '' },
    ]);
    assert.equal(applyEdits(FILE, e), FILE.replace('w * h', 'width * h').replace('log(w)', 'log(width)'));
  });

  const table: Array<[string, string[]]> = [
    ['a line inserted in the middle', ['function area(width, h) {', '  const s = w * h;', '  log(w);', '  check(s);', '  return s;', '}']],
    ['a line deleted', ['function area(width, h) {', '  const s = w * h;', '  return s;', '}']],
    ['a line added after the last', [...REGION, '// more']],
    ['the last line changed', [...REGION.slice(0, 4), '};']],
    ['two lines merged into one', ['function area(width, h) {', '  const s = w * h; log(w);', '  return s;', '}']],
    ['the first line changed', ['export function area(width, h) {', ...REGION.slice(1)]],
  ];
  for (const [what, answer] of table)
    it(`applies exactly to what the model wrote: ${what}`, () => {
      const e = edits(answer.join('\n'));
      assert.ok(e.length >= 1);
      for (const x of e) assert.equal(textIn(source(FILE), x.start, x.end), x.oldText, 'oldText is what the range holds');
      assert.equal(applyEdits(FILE, e), FILE.replace(REGION.join('\n'), answer.join('\n')));
    });

  it('finds no edit in an unchanged answer', () => {
    assert.deepEqual(edits(REGION.join('\n')), []);
  });

  it('refuses an answer that would delete most of the region', () => {
    const r = regionEdits(region, 'function area(width, h) {\n}');
    assert.equal(r.kind, 'rejected');
    assert.match((r as { reason: string }).reason, /delete most of the region/);
  });

  it('refuses an answer written for other code', () => {
    const r = regionEdits(region, ['class Shape {', '  constructor(kind) {', '    this.kind = kind;', '  }', '}'].join('\n'));
    assert.equal(r.kind, 'rejected');
    assert.match((r as { reason: string }).reason, /written for other code/);
  });

  it('handles a pathological answer of thousands of lines without a quadratic table', () => {
    const big = { startLine: 0, lines: Array.from({ length: 3000 }, (_, i) => `a${i}`) };
    const r = regionEdits(big, Array.from({ length: 3000 }, (_, i) => (i % 2 ? `a${i}` : `b${i}`)).join('\n'));
    // Past the table's cap the diff keeps no line, so the answer counts as written for other code.
    assert.equal(r.kind, 'rejected');
  });
});

describe('next edit: staleness', () => {
  const edit: TextEdit = { start: { line: 1, character: 6 }, end: { line: 1, character: 7 }, text: 'width', oldText: 'w' };

  it('is stale for another version or document', () => {
    const p = { uri: 'file:///a', version: 3 };
    assert.equal(isStale(p, { uri: 'file:///a', version: 3 }), false);
    assert.equal(isStale(p, { uri: 'file:///a', version: 4 }), true);
    assert.equal(isStale(p, { uri: 'file:///b', version: 3 }), true);
  });

  it('still applies only while the range holds the old text', () => {
    assert.equal(stillApplies(edit, source('x\n  log(w);')), true);
    assert.equal(stillApplies(edit, source('x\n  log(v);')), false);
    assert.equal(stillApplies(edit, source('x')), false);
  });

  it('moves later edits by what an earlier one changed (lines added, same line)', () => {
    const applied: TextEdit = { start: { line: 0, character: 4 }, end: { line: 0, character: 5 }, text: 'ab\ncd', oldText: 'x' };
    const [moved] = shiftEdits([edit], applied);
    assert.deepEqual(moved.start, { line: 2, character: 6 });
    const sameLine: TextEdit = { start: { line: 1, character: 0 }, end: { line: 1, character: 2 }, text: '', oldText: '  ' };
    const [m2] = shiftEdits([edit], sameLine);
    assert.deepEqual([m2.start, m2.end], [{ line: 1, character: 4 }, { line: 1, character: 5 }]);
    const text = 'let x = 1;\n  log(w);';
    const after = applyEdits(text, [applied]);
    assert.equal(stillApplies(moved, source(after)), true);
  });

  it('counts only a pure insertion at the cursor as an edit at the cursor', () => {
    const ins: TextEdit = { start: { line: 2, character: 4 }, end: { line: 2, character: 4 }, text: 'x', oldText: '' };
    assert.equal(isAtCursor(ins, { line: 2, character: 4 }), true);
    assert.equal(isAtCursor(ins, { line: 2, character: 5 }), false);
    assert.equal(isAtCursor({ ...ins, end: { line: 2, character: 5 }, oldText: 'y' }, { line: 2, character: 4 }), false);
  });
});

describe('next edit: steps', () => {
  const e = (line: number, text = 'x'): TextEdit => ({ start: { line, character: 0 }, end: { line, character: 1 }, text, oldText: 'a' });

  it('groups edits a few lines apart into one step and far ones into the next', () => {
    assert.deepEqual(groupSteps([e(1), e(3), e(20), e(22), e(40)]).map((s) => s.map((x) => x.start.line)), [[1, 3], [20, 22], [40]]);
    assert.deepEqual(groupSteps([]), []);
  });

  it('moves the later steps by everything a step changed', () => {
    const text = 'a\na\nb\nc\nd\ne\na';
    const step = [e(0, 'one\ntwo'), e(1, '')];
    const rest: TextEdit[] = [{ start: { line: 6, character: 0 }, end: { line: 6, character: 1 }, text: 'z', oldText: 'a' }];
    const moved = afterStep(rest, step);
    const after = applyEdits(text, step);
    assert.equal(stillApplies(moved[0], source(after)), true);
    assert.equal(applyEdits(after, moved), applyEdits(text, [...step, ...rest]));
  });
});
