import { strict as assert } from 'node:assert';
import { createParser, loadLanguage } from '../../../../src/core/syntax/treeSitter';

describe('tree-sitter loader', () => {
  it('parses each grammar the guard and the command policy use', async () => {
    const samples: Array<[Parameters<typeof createParser>[0], string]> = [
      ['bash', 'echo x >&/tmp/f'],
      ['javascript', 'db.query("SELECT " + id)'],
      ['typescript', 'const a: number = 1;'],
      ['tsx', 'const a = <div>{x}</div>;'],
      ['python', 'os.system(arg)'],
      ['java', 'class A { void f() { stmt.execute(sql); } }'],
    ];
    for (const [name, code] of samples) {
      const parser = await createParser(name);
      const tree = parser.parse(code);
      assert.ok(tree, name);
      assert.equal(tree.rootNode.hasError, false, `${name}: ${tree.rootNode.toString()}`);
      tree.delete();
      parser.delete();
    }
  });

  it('loads a grammar once and shares it', async () => {
    assert.equal(await loadLanguage('bash'), await loadLanguage('bash'));
  });
});
