// Which lines a request covers: exactly the selected ones, and the function around a diagnostic when
// no language server gives symbols.
import { strict as assert } from 'node:assert';
import { describeLines, enclosingByIndent, selectedLines } from '../../../../src/core/refactor/lineSpan';

describe('selected lines', () => {
  const table: Array<[string, [number, number, number, number], [number, number], string]> = [
    ['lines 5-7 selected to the end of line 7', [4, 0, 6, 12], [4, 6], 'lines 5-7'],
    ['a selection ending at column 0 of line 8 excludes line 8', [4, 0, 7, 0], [4, 6], 'lines 5-7'],
    ['a cursor covers its line', [4, 3, 4, 3], [4, 4], 'line 5'],
    ['a selection inside one line', [4, 2, 4, 9], [4, 4], 'line 5'],
    ['a selection ending mid-line keeps that line', [4, 0, 7, 1], [4, 7], 'lines 5-8'],
  ];
  for (const [name, [sl, sc, el, ec], [start, end], words] of table) {
    it(name, () => {
      const span = selectedLines({ line: sl, character: sc }, { line: el, character: ec });
      assert.deepEqual(span, { start, end });
      assert.equal(describeLines(span), words);
    });
  }
});

describe('enclosing function by indentation', () => {
  const js = ['const x = 1;', '', 'function add(a, b) {', '  if (a) {', '    return a + b;', '  }', '  return b;', '}', '', 'module.exports = { add };'].join('\n');
  const py = ['import os', '', 'class A:', '    def run(self, x):', '        y = x + 1', '', '        return y', '', '    def other(self):', '        pass'].join('\n');
  const ts = ['export class C {', '  method(a: number): number {', '    return a * 2;', '  }', '}'].join('\n');
  const arrow = ['const f = async (a) => {', '  await a;', '};'].join('\n');
  const table: Array<[string, string, number, [number, number]]> = [
    ['a JS function around a nested line, closing brace included', js, 4, [2, 7]],
    ['a Python method, not the class, blank lines inside kept', py, 6, [3, 6]],
    ['a TypeScript method inside a class', ts, 2, [1, 3]],
    ['an arrow function bound to a const', arrow, 1, [0, 2]],
    ['a top-level line stays itself', js, 0, [0, 0]],
  ];
  for (const [name, text, line, [start, end]] of table) {
    it(name, () => assert.deepEqual(enclosingByIndent(text, line), { start, end }));
  }
});
