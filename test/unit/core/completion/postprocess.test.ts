import { strict as assert } from 'node:assert';
import { midWord, postprocess, wantsMultiline, type PostprocessInput } from '../../../../src/core/completion/postprocess';

type Case = [string, Partial<PostprocessInput> & { raw: string }, { text: string; replaceAfter?: number } | undefined];

const base: PostprocessInput = { raw: '', linePrefix: '', lineSuffix: '', prevLine: '', nextLines: [], multiline: false, stops: [] };

const cases: Case[] = [
  ['keeps a plain single-line completion', { raw: 'a + b;', linePrefix: '  return ' }, { text: 'a + b;' }],
  ['cuts a single-line completion at the line break', { raw: 'a + b;\n}\n', linePrefix: '  return ' }, { text: 'a + b;' }],
  ['drops a single-line completion that only starts a new line', { raw: '\nfoo()', linePrefix: '  return x' }, undefined],
  ['drops an empty result', { raw: '' }, undefined],
  ['drops a whitespace-only result', { raw: '  \n\t \n', multiline: true }, undefined],
  ['cuts at a stop sequence', { raw: 'a + b<|endoftext|>garbage', linePrefix: 'return ', stops: ['<|endoftext|>'] }, { text: 'a + b' }],
  ['strips the closing bracket already after the cursor', { raw: 'a, b)', linePrefix: 'add(', lineSuffix: ')' }, { text: 'a, b' }],
  ['strips a repeated rest of line', { raw: 'x, y);', linePrefix: 'foo(', lineSuffix: ');' }, { text: 'x, y' }],
  ['strips a partial overlap with the closers', { raw: 'x, y)', linePrefix: 'foo(', lineSuffix: ');' }, { text: 'x, y' }],
  ['replaces closers that the completion rewrites around new text', { raw: 'a, b) {', linePrefix: 'if (', lineSuffix: ')' }, { text: 'a, b) {', replaceAfter: 1 }],
  ['drops a completion that is only the existing closers', { raw: ')', linePrefix: 'f(', lineSuffix: ')' }, undefined],
  ['drops a repeat of the line above on an empty line', { raw: 'count += 1', linePrefix: '    ', prevLine: '    count += 1' }, undefined],
  ['drops a repeat of the next line', { raw: 'return total;', linePrefix: '  ', nextLines: ['  return total;'], multiline: true }, undefined],
  [
    'keeps a multi-line body and stops at the end of the block',
    { raw: 'const s = a + b;\n  return s;\n}\n\nfunction other() {\n  return 1;\n}', linePrefix: '  ', nextLines: ['}'], multiline: true },
    { text: 'const s = a + b;\n  return s;' },
  ],
  [
    'stops a Python body at the dedent',
    { raw: 'total = a + b\n    return total\n\ndef other():\n    pass', linePrefix: '    ', nextLines: [''], multiline: true },
    { text: 'total = a + b\n    return total' },
  ],
  [
    'writes a whole block after an opener, closing brace included',
    { raw: '\n  return a - b;\n}\n\nconsole.log(1);', linePrefix: 'function sub(a, b) {', nextLines: ['', 'module.exports = {};'], multiline: true },
    { text: '\n  return a - b;\n}' },
  ],
  [
    'stops before text that already follows the cursor',
    { raw: 'const x = 1;\n  const y = 2;\n  return x + y;', linePrefix: '  ', nextLines: ['  return x + y;', '}'], multiline: true },
    { text: 'const x = 1;\n  const y = 2;' },
  ],
  ['normalises CRLF in the answer', { raw: 'a;\r\n  b;', linePrefix: '  ', multiline: true }, { text: 'a;\n  b;' }],
];

describe('completion post-processing', () => {
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const out = postprocess({ ...base, ...input });
      if (expected === undefined) assert.equal(out, undefined);
      else assert.deepEqual(out, { text: expected.text, replaceAfter: expected.replaceAfter ?? 0 });
    });
  }
});

describe('single- or multi-line', () => {
  const table: Array<[string, string, boolean]> = [
    ['  ', '', true],
    ['function f() {', '', true],
    ['def f():', '', true],
    ['const f = () =>', '', true],
    ['  return a', '', false],
    ['foo(', ')', false],
    ['  ', 'x = 1', false],
  ];
  for (const [prefix, suffix, expected] of table) {
    it(`${JSON.stringify(prefix)}|${JSON.stringify(suffix)} → ${expected ? 'multi' : 'single'}`, () => assert.equal(wantsMultiline(prefix, suffix), expected));
  }
  it('knows the middle of a word', () => {
    assert.equal(midWord('const val', 'ue = 1'), true);
    assert.equal(midWord('const value', ' = 1'), false);
    assert.equal(midWord('foo(', 'x)'), false);
  });
});
