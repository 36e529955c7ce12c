// The changed characters of an edited diff line (media/inlineDiff.ts): whole words between the common
// start and end, paired removed/added lines in runs, nothing marked where the lines share nothing.
import { strict as assert } from 'node:assert';
import { changedSpan, pairChanges } from '../../../media/inlineDiff';

const shown = (a: string, b: string) => {
  const s = changedSpan(a, b);
  return s && [a.slice(s[0], s[1]), b.slice(s[0], s[2])];
};

describe('inline diff marks', () => {
  it('marks the changed words, widened to whole words', () => {
    assert.deepEqual(shown('open tasks today.`;', 'open tasks this week.`;'), ['today', 'this week']);
    assert.deepEqual(shown("return 'Bye ' + u;", "return 'Goodbye ' + u;"), ['Bye', 'Goodbye']);
    assert.deepEqual(shown('foo(bar)', 'foo(baz)'), ['bar', 'baz']);
    assert.deepEqual(shown('return a * b;', 'return a * b; // product'), ['', ' // product']);
    assert.deepEqual(shown('naïve café', 'naïve cafés'), ['café', 'cafés']);
  });

  it('marks nothing where the lines share no start or end', () => {
    assert.equal(changedSpan('x', 'y'), undefined);
    assert.equal(changedSpan('alpha', 'omega beta'), undefined);
  });

  it('pairs the n-th removed line of a run with the n-th added one, and leaves unpaired lines unmarked', () => {
    const rows = [
      { kind: 'ctx', text: 'a' },
      { kind: 'del', text: 'let x = 1;' },
      { kind: 'del', text: 'let y = 2;' },
      { kind: 'add', text: 'let x = 10;' },
      { kind: 'add', text: 'let y = 20;' },
      { kind: 'add', text: 'let z = 3;' },
      { kind: 'ctx', text: 'b' },
      { kind: 'add', text: 'alone' },
    ];
    assert.deepEqual([...pairChanges(rows).entries()], [
      [1, [8, 9]],
      [3, [8, 10]],
      [2, [8, 9]],
      [4, [8, 10]],
    ]);
  });
});
