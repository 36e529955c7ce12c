import { strict as assert } from 'node:assert';
import { estimateTokens } from '../../../../src/core/completion/budget';
import { buildWindows, lineSourceOf } from '../../../../src/core/completion/windows';
import type { LineSource } from '../../../../src/core/completion/types';

/** A LineSource over generated lines that counts how many lines were read. */
function counted(lines: number): LineSource & { reads: number } {
  const src = {
    reads: 0,
    lineCount: lines,
    lineAt(n: number) {
      src.reads++;
      return `const value${n} = compute(${n}); // line ${n}`;
    },
  };
  return src;
}

describe('completion context windows', () => {
  it('splits a tiny file at the cursor', () => {
    const w = buildWindows(lineSourceOf('function f() {\n  return 1;\n}'), { line: 1, character: 2 });
    assert.equal(w.prefix, 'function f() {\n  ');
    assert.equal(w.suffix, 'return 1;\n}');
    assert.equal(w.linePrefix, '  ');
    assert.equal(w.lineSuffix, 'return 1;');
    assert.ok(w.prefixComplete && w.suffixComplete);
  });

  it('handles an empty document and a cursor past the end', () => {
    assert.deepEqual(buildWindows(lineSourceOf(''), { line: 0, character: 0 }).prefix, '');
    const w = buildWindows(lineSourceOf('ab'), { line: 5, character: 99 });
    assert.equal(w.linePrefix, 'ab');
    assert.equal(w.suffix, '');
  });

  it('keeps CRLF files line-based', () => {
    const w = buildWindows(lineSourceOf('a\r\nb\r\nc'), { line: 1, character: 1 });
    assert.equal(w.prefix, 'a\nb');
    assert.equal(w.suffix, '\nc');
  });

  for (const size of [1_000, 200_000]) {
    it(`reads only a bounded window of a ${size.toLocaleString('en')}-line file`, () => {
      const doc = counted(size);
      const w = buildWindows(doc, { line: Math.floor(size / 2), character: 5 }, { prefixTokens: 1000, suffixTokens: 330 });
      assert.ok(estimateTokens(w.suffix) <= 330 && estimateTokens(w.prefix) + estimateTokens(w.suffix) <= 1330);
      assert.ok(!w.prefixComplete && !w.suffixComplete);
      // Bounded by the budget (lines are ~40 chars), not by the file.
      assert.ok(doc.reads < 150, `read ${doc.reads} lines`);
      assert.ok(w.prefix.endsWith(`const`), 'the prefix ends at the cursor');
    });
  }

  it('never cuts a line in half at the window edge', () => {
    const w = buildWindows(lineSourceOf(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')), { line: 50, character: 0 }, { prefixTokens: 12, suffixTokens: 12 });
    for (const l of w.prefix.split('\n').slice(0, -1)) assert.match(l, /^line \d+$/);
    for (const l of w.suffix.split('\n').slice(1)) assert.match(l, /^line \d+$/);
  });

  it('spends the budget in tokens, and gives the prefix what the suffix leaves near the end of a file', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `const v${i} = ${i};`);
    const budget = { prefixTokens: 60, suffixTokens: 60 };
    const middle = buildWindows(lineSourceOf(lines.join('\n')), { line: 200, character: 0 }, budget);
    const end = buildWindows(lineSourceOf(lines.join('\n')), { line: 399, character: 0 }, budget);
    assert.ok(estimateTokens(middle.suffix) <= 60 && estimateTokens(middle.prefix) + estimateTokens(middle.suffix) <= 120);
    assert.ok(estimateTokens(middle.prefix) < 80, 'in the middle the suffix uses its share');
    assert.ok(end.suffixComplete);
    assert.ok(estimateTokens(end.prefix) > 60 && estimateTokens(end.prefix) <= 120, 'the unused suffix budget went to the prefix');
  });
});
