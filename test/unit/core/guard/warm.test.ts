// Warming the guard while the first request is out: the main grammar is the most common language at
// the root and in src/; a workspace without code warms nothing; warming never throws.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mainGrammar, warmGuard } from '../../../../src/core/guard/warm';
import { parse, freeTree } from '../../../../src/core/guard/engine/parse';

describe('guard warm-up', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-warm-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('picks the most common language at the root and in src/', async () => {
    for (const f of ['README.md', 'setup.py', 'src/a.ts', 'src/b.ts', 'src/c.tsx']) {
      await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await fs.writeFile(path.join(root, f), '');
    }
    assert.equal(await mainGrammar(root), 'typescript');
  });

  it('warms nothing for a workspace without code, and never throws for a missing folder', async () => {
    await fs.writeFile(path.join(root, 'notes.md'), '');
    assert.equal(await mainGrammar(root), undefined);
    await warmGuard(path.join(root, 'missing'));
  });

  it('a warmed grammar parses', async () => {
    await fs.writeFile(path.join(root, 'main.py'), '');
    await warmGuard(root);
    const parsed = await parse('python', 'x = 1\n');
    assert.equal(parsed.tree.rootNode.type, 'module');
    freeTree(parsed);
  });
});
