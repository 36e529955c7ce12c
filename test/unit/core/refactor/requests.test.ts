// The words of a request about code: the model gets the exact lines and the code fenced; the user
// sees a short readable message, never the raw prompt with its fences.
import { strict as assert } from 'node:assert';
import { codeRequest, fence, inlinePrompt, localImports, signaturesOf } from '../../../../src/core/refactor/requests';

describe('code requests', () => {
  it('shows a readable message and sends the fenced code with the exact lines', () => {
    const r = codeRequest({ kind: 'explain', file: 'src/math.js', languageId: 'javascript', span: { start: 4, end: 6 }, code: 'a\nb\nc' });
    assert.equal(r.display, 'Explain src/math.js, lines 5-7');
    assert.doesNotMatch(r.display, /```/);
    assert.match(r.prompt, /lines 5-7/);
    assert.match(r.prompt, /```javascript\na\nb\nc\n```/);
    assert.equal(r.title, 'Explain src/math.js, lines 5-7');
  });

  it('lists the diagnostics of a fix in both the message and the prompt', () => {
    const r = codeRequest({ kind: 'fix', file: 'a.ts', languageId: 'typescript', span: { start: 0, end: 0 }, code: 'x', diagnostics: ['line 1: bad (ts)'] });
    assert.match(r.display, /Fix a\.ts, line 1\n• line 1: bad \(ts\)/);
    assert.match(r.prompt, /- line 1: bad \(ts\)/);
  });

  it('fences code that itself holds a fence with a longer one', () => {
    assert.equal(fence('```js\nx\n```', 'md'), '````md\n```js\nx\n```\n````');
  });

  it('builds the inline prompt from the selection, the code around, diagnostics and imported signatures', () => {
    const p = inlinePrompt({
      file: 'src/a.js',
      languageId: 'javascript',
      span: { start: 2, end: 3 },
      code: 'x();\ny();',
      instruction: 'rename x',
      before: { start: 0, end: 1, text: 'const a = 1;\n' } as never,
      diagnostics: ['line 3: x is not defined'],
      imports: [{ path: 'src/b.js', signatures: ['function x(n)'] }, { path: 'src/empty.js', signatures: [] }],
    });
    assert.match(p, /^Inline edit request at src\/a\.js, lines 3-4: rename x/);
    assert.match(p, /Change only src\/a\.js/);
    assert.match(p, /Code above it \(from line 1\)/);
    assert.match(p, /- line 3: x is not defined/);
    assert.match(p, /src\/b\.js:\n {2}function x\(n\)/);
    assert.doesNotMatch(p, /empty\.js/);
  });

  it('finds local imports and top-level signatures', () => {
    const src = "import { a } from './a';\nconst b = require('../lib/b');\nimport fs from 'node:fs';\nconst c = await import('./c.js');";
    assert.deepEqual(localImports(src), ['./a', '../lib/b', './c.js']);
    const lib = 'export function add(a: number, b: number): number {\n  return a + b;\n}\nexport class Box {\n}\nconst local = 1;\nexport const mul = (a, b) => {\n';
    assert.deepEqual(signaturesOf(lib), ['export function add(a: number, b: number): number', 'export class Box', 'export const mul = (a, b) => …']);
  });
});
