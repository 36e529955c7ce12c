// Which texts of a tool step's output become file links: `path:line` and `path:line:col` locations
// (search hits, references, diagnostics, symbols), each path of find_files' list; nothing else.
import { strict as assert } from 'node:assert';
import { stepLinks } from '../../../src/protocol/stepLinks';

const linked = (out: string, perLine = false) => stepLinks(out, perLine).map((l) => ({ text: out.slice(l.start, l.end), path: l.path, line: l.line }));

describe('file links in tool step output', () => {
  it('links search hits, references, diagnostics and symbols at their line', () => {
    const out = 'src/a.js:12: const x = 1;\nlib/b.test.ts:3:7 error Type mismatch\nclass Foo — src/c.ts:40:2\n@scope/pkg/index.d.ts:5:1';
    assert.deepEqual(linked(out), [
      { text: 'src/a.js:12', path: 'src/a.js', line: 12 },
      { text: 'lib/b.test.ts:3:7', path: 'lib/b.test.ts', line: 3 },
      { text: 'src/c.ts:40:2', path: 'src/c.ts', line: 40 },
      { text: '@scope/pkg/index.d.ts:5:1', path: '@scope/pkg/index.d.ts', line: 5 },
    ]);
  });

  it('links nothing that is not a relative file location', () => {
    const out = [
      '/usr/lib/node.js:3:4 (outside the workspace; text not shown)', // absolute: shown, not linked
      'see https://example.com/a.js:3',
      'version 1.2:3',
      'ratio 10:1',
      'at line 0: src/a.js:0',
      'no location here',
    ].join('\n');
    assert.deepEqual(linked(out), []);
  });

  it('links a ../ location too (the extension refuses it when clicked)', () => {
    assert.deepEqual(linked('../../etc/passwd.txt:1'), [{ text: '../../etc/passwd.txt:1', path: '../../etc/passwd.txt', line: 1 }]);
  });

  it("links each path of find_files' list, names with spaces included, but not its notes", () => {
    const out = 'src/a.js\nsrc/sub dir/b.js\nREADME.md\n[stopped at 200 files; narrow the pattern]';
    assert.deepEqual(linked(out, true), [
      { text: 'src/a.js', path: 'src/a.js', line: undefined },
      { text: 'src/sub dir/b.js', path: 'src/sub dir/b.js', line: undefined },
      { text: 'README.md', path: 'README.md', line: undefined },
    ]);
    assert.deepEqual(linked('No file matches src/**/*.rs.', true), []);
  });
});
