// Region selection: about twenty lines around the cursor, grown to whole statements, capped in
// characters, reading only the lines it needs.
import { strict as assert } from 'node:assert';
import { continuesStatement, selectRegion } from '../../../../src/core/nextEdit/region';
import { source } from './lines';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `const v${i} = ${i};`).join('\n');

describe('next edit: region selection', () => {
  it('takes ten lines above and below the cursor, with context around and the cursor relative to the region', () => {
    const r = selectRegion(source(numbered(100)), { line: 50, character: 6 });
    assert.ok(r);
    assert.equal(r.startLine, 40);
    assert.equal(r.lines.length, 21);
    assert.deepEqual(r.cursor, { line: 10, character: 6 });
    assert.equal(r.before.length, 20);
    assert.equal(r.before[19], 'const v39 = 39;');
    assert.equal(r.after[0], 'const v61 = 61;');
    assert.equal(r.startOfFile, false);
  });

  it('clamps at the file start and says the excerpt starts the file', () => {
    const r = selectRegion(source(numbered(5)), { line: 1, character: 0 });
    assert.ok(r);
    assert.equal(r.startLine, 0);
    assert.equal(r.lines.length, 5);
    assert.equal(r.startOfFile, true);
    assert.deepEqual(r.after, []);
  });

  it('grows at both ends to whole statements (an open call above, a chain and a closer below)', () => {
    const lines = numbered(40).split('\n');
    lines[9] = 'const total = compute(';
    lines[10] = '  a,';
    lines[31] = 'items';
    lines[32] = '  .map((x) => x)';
    lines[33] = '  .filter(Boolean);';
    const r = selectRegion(source(lines.join('\n')), { line: 21, character: 0 });
    assert.ok(r);
    assert.equal(r.startLine, 9, 'the call that opens above the region is taken whole');
    assert.equal(r.startLine + r.lines.length, 34, 'the chain below is taken to its end');
  });

  it('caps the region in characters, keeping the cursor line, and refuses a cursor line over the cap', () => {
    const long = Array.from({ length: 50 }, (_, i) => `line${i} ${'x'.repeat(200)}`).join('\n');
    const r = selectRegion(source(long), { line: 25, character: 3 }, { maxRegionChars: 1000 });
    assert.ok(r);
    assert.ok(r.lines.join('\n').length <= 1000);
    assert.ok(r.lines.some((l) => l.startsWith('line25 ')));
    assert.equal(selectRegion(source('a\n' + 'y'.repeat(10_000) + '\nb'), { line: 1, character: 5 }, { maxRegionChars: 6000 }), undefined);
  });

  it('reads only lines near the cursor of a huge file', () => {
    let reads = 0;
    const huge = { lineCount: 1_000_000, lineAt: (n: number) => (reads++, `const v${n} = ${n};`) };
    const r = selectRegion(huge, { line: 500_000, character: 0 });
    assert.ok(r);
    assert.ok(reads < 200, `read ${reads} lines`);
    assert.equal(r.lines.length, 21);
  });

  it('caps the context in characters', () => {
    const r = selectRegion(source(numbered(200)), { line: 100, character: 0 }, { maxContextChars: 100 });
    assert.ok(r);
    assert.ok(r.before.join('\n').length <= 100 && r.after.join('\n').length <= 100);
  });

  const table: Array<[string, string, boolean]> = [
    ['foo(', '  a,', true],
    ['a &&', '  b', true],
    ['items', '  .map(f)', true],
    ['  x: 1,', '}', true],
    ['const a = 1;', 'const b = 2;', false],
    ['', '  .map(f)', false],
    ['return x; // done,', 'next();', false],
  ];
  for (const [prev, next, want] of table)
    it(`continuesStatement(${JSON.stringify(prev)}, ${JSON.stringify(next)}) is ${want}`, () => assert.equal(continuesStatement(prev, next), want));
});
