// Edit history: changes recorded through a shadow of the text, merged while they touch the same
// lines, rendered as unified diffs newest last, and bounded.
import { strict as assert } from 'node:assert';
import { unifiedHunk, diffLines } from '../../../../src/core/nextEdit/diff';
import { EditHistory, mergeEvents, renderHistory } from '../../../../src/core/nextEdit/history';
import { LineShadow } from '../../../../src/core/nextEdit/shadow';

const at = (line: number, character: number) => ({ line, character });

describe('next edit: shadow text and edit history', () => {
  it('gives each change the lines it replaced, and keeps the shadow equal to the text', () => {
    const s = new LineShadow('function f(a) {\n  return a;\n}');
    const c = s.apply(at(0, 11), at(0, 12), 'value');
    assert.deepEqual(c, { startLine: 0, oldLines: ['function f(a) {'], newLines: ['function f(value) {'] });
    const d = s.apply(at(1, 9), at(2, 0), ';\n  // done\n');
    assert.deepEqual(d.oldLines, ['  return a;', '}']);
    assert.deepEqual(d.newLines, ['  return ;', '  // done', '}']);
    assert.equal(s.lineCount, 4);
  });

  it('takes a paste of many lines without passing them as arguments', () => {
    const s = new LineShadow('a\nb');
    const big = Array.from({ length: 200_000 }, (_, i) => `l${i}`).join('\n');
    const c = s.apply(at(1, 0), at(1, 1), big);
    assert.equal(c.newLines.length, 200_000);
    assert.equal(s.lineCount, 200_001);
    assert.equal(s.lineAt(200_000), 'l199999');
  });

  it('merges typing on one line into one event and renders it as a unified diff', () => {
    const s = new LineShadow('function f(a) {\n  return a;\n}');
    const h = new EditHistory();
    h.record('src/f.ts', s.apply(at(0, 11), at(0, 12), ''));
    for (const [i, ch] of [...'value'].entries()) h.record('src/f.ts', s.apply(at(0, 11 + i), at(0, 11 + i), ch));
    assert.equal(h.events().length, 1);
    assert.deepEqual(h.events()[0].oldLines, ['function f(a) {']);
    assert.deepEqual(h.events()[0].newLines, ['function f(value) {']);
    assert.deepEqual(renderHistory(h.events(), 10_000), ['User edited "src/f.ts":\n```diff\n@@ -1,1 +1,1 @@\n-function f(a) {\n+function f(value) {\n```']);
  });

  it('keeps edits far apart and in other files as separate events, newest last', () => {
    const s = new LineShadow(Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'));
    const h = new EditHistory();
    h.record('a.ts', s.apply(at(2, 0), at(2, 4), 'row'));
    h.record('a.ts', s.apply(at(20, 0), at(20, 4), 'row'));
    h.record('b.ts', { startLine: 0, oldLines: ['x'], newLines: ['y'] });
    assert.deepEqual(h.events().map((e) => [e.path, e.startLine]), [['a.ts', 2], ['a.ts', 20], ['b.ts', 0]]);
    const rendered = renderHistory(h.events(), 10_000);
    assert.match(rendered[2], /^User edited "b.ts"/);
  });

  it('drops an edit that was typed and undone', () => {
    const h = new EditHistory();
    h.record('a.ts', { startLine: 3, oldLines: ['abc'], newLines: ['abcd'] });
    h.record('a.ts', { startLine: 3, oldLines: ['abcd'], newLines: ['abc'] });
    assert.equal(h.events().length, 0);
  });

  it('merges a change that spills past the event into the lines below', () => {
    const merged = mergeEvents({ path: 'a', startLine: 5, oldLines: ['a'], newLines: ['A'] }, { startLine: 5, oldLines: ['A', 'b'], newLines: ['AB'] });
    assert.deepEqual(merged, { path: 'a', startLine: 5, oldLines: ['a', 'b'], newLines: ['AB'] });
    assert.equal(mergeEvents({ path: 'a', startLine: 5, oldLines: ['a'], newLines: ['A'] }, { startLine: 9, oldLines: ['z'], newLines: ['Z'] }), undefined);
  });

  it('keeps at most maxEvents, cuts huge events and renders within a character budget', () => {
    const h = new EditHistory({ maxEvents: 3, maxLines: 5 });
    for (let i = 0; i < 6; i++) h.record(`f${i}.ts`, { startLine: 0, oldLines: ['a'], newLines: ['b'] });
    assert.deepEqual(h.events().map((e) => e.path), ['f3.ts', 'f4.ts', 'f5.ts']);
    h.record('big.ts', { startLine: 0, oldLines: [], newLines: Array.from({ length: 100_000 }, (_, i) => `x${i}`) });
    const big = h.events()[h.events().length - 1];
    assert.equal(big.newLines.length, 6);
    assert.match(big.newLines[5], /99995 more lines/);
    const rendered = renderHistory(h.events(), 200);
    assert.ok(rendered.join('').length <= 200);
    assert.deepEqual(renderHistory(h.events(), 10_000, (p) => p !== 'f5.ts').some((r) => r.includes('f5.ts')), false);
  });

  it('diffs lines by their longest common subsequence, with context in the hunk', () => {
    assert.deepEqual(
      diffLines(['a', 'b', 'c'], ['a', 'x', 'c']).map((o) => o.kind),
      ['equal', 'delete', 'insert', 'equal'],
    );
    assert.equal(unifiedHunk(9, ['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'D', 'e', 'f'], 1), '@@ -12,3 +12,3 @@\n c\n-d\n+D\n e');
    assert.equal(unifiedHunk(0, ['same'], ['same']), '');
  });
});
