import { strict as assert } from 'node:assert';
import { cleanRaw, cutRepetition } from '../../../../src/core/completion/cleanup';

describe('completion cleanup of raw model output', () => {
  const table: Array<[string, string, string]> = [
    ['drops a leading <think> block of a reasoning model', '<think>\nThe user wants the difference.\n</think>\nreturn a - b;', 'return a - b;'],
    ['drops a <thinking> block', '<thinking>hmm</thinking>return a - b;', 'return a - b;'],
    ['shows nothing while the reasoning has not closed', '<think>\nstill thinking about', ''],
    ['cuts at a stray StarCoder token', 'return a - b;<fim_middle>garbage', 'return a - b;'],
    ['cuts at a stray Qwen token', 'return a - b;\n<|file_sep|>other.ts\nexport', 'return a - b;\n'],
    ['cuts at a stray DeepSeek token', 'x + 1<｜end▁of▁sentence｜>', 'x + 1'],
    ['cuts at a stray Llama 3 end token', 'x + 1<|eot_id|>', 'x + 1'],
    ['cuts at a stray Codestral token', 'x + 1[SUFFIX]y', 'x + 1'],
    ['keeps a line repeated twice', 'a++;\na++;', 'a++;\na++;'],
    ['keeps one of a line repeated three times', 'total += x;\ntotal += x;\ntotal += x;\ntotal += x;', 'total += x;'],
    ['keeps one of a two-line block looping', 'if (a) {\n}\nif (a) {\n}\nif (a) {\n}', 'if (a) {\n}'],
    ['cuts characters looping on a line', 'foo(bar, bar, bar, bar, bar, bar, bar', 'foo(bar, '],
    ['keeps a ruler comment', '// ==========================', '// =========================='],
    ['keeps ordinary code', 'for (let i = 0; i < n; i++) {\n  sum += i;\n}', 'for (let i = 0; i < n; i++) {\n  sum += i;\n}'],
    ['keeps distinct lines that look alike', 'a = 1\nb = 1\nc = 1', 'a = 1\nb = 1\nc = 1'],
  ];
  for (const [name, raw, expected] of table) it(name, () => assert.equal(cleanRaw(raw), expected));

  it('keeps blank lines between distinct blocks', () => {
    assert.equal(cutRepetition('a();\n\n\n\nb();'), 'a();\n\n\n\nb();');
  });
});
