// eslint.config.mjs's CORE_LAYERS: every folder of src/core stands in exactly one row, no row names a
// folder that does not exist, and lint really fails an import that runs up (or across) the order —
// including from a folder added later, which a zone list written by hand would miss.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');

async function layers(): Promise<string[][]> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href)) as { CORE_LAYERS: string[][] };
  return mod.CORE_LAYERS;
}

async function lintText(file: string, text: string): Promise<string[]> {
  const { ESLint } = (await import('eslint')) as typeof import('eslint');
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('core layer order (eslint.config.mjs CORE_LAYERS)', function () {
  this.timeout(60_000);

  it('names every folder of src/core exactly once, and no folder that does not exist', async () => {
    const rows = await layers();
    const named = rows.flat();
    assert.equal(new Set(named).size, named.length, `a folder stands in two rows: ${named.join(', ')}`);
    const entries = await fs.readdir(path.join(ROOT, 'src/core'), { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual([...named].sort(), folders);
  });

  it('fails an import from a higher row and from a sibling of the same row, and passes one from a lower row', async () => {
    const rows = await layers();
    const row = (name: string) => rows.findIndex((r) => r.includes(name));
    assert.ok(row('sandbox') < row('agent') && row('edits') < row('tools') && row('util') === 0);
    assert.equal(row('audit'), row('checkpoints'));
    const up = await lintText('src/core/sandbox/probe_.ts', "import { Agent } from '../agent/agent';\nexport const a = Agent;\n");
    assert.equal(up.length, 1, 'sandbox → agent must fail');
    assert.match(up[0], /core\/sandbox stands below or beside core\/agent/);
    const types = await lintText('src/core/edits/probe_.ts', "import type { Tool } from '../tools/types';\nexport type T = Tool;\n");
    assert.equal(types.length, 1, 'edits → tools must fail (no carve-out for shared types)');
    const sibling = await lintText('src/core/audit/probe_.ts', "import { CheckpointStore } from '../checkpoints/store';\nexport const c = CheckpointStore;\n");
    assert.equal(sibling.length, 1, 'audit → checkpoints (same row) must fail');
    const down = await lintText('src/core/tools/probe_.ts', "import type { ProposedChange } from '../changes/change';\nexport type P = ProposedChange;\n");
    assert.deepEqual(down, []);
  });

  it('keeps protocol a leaf: it imports neither core nor the CLI', async () => {
    const bad = await lintText('src/protocol/probe_.ts', "import type { Finding } from '../core/changes/finding';\nexport type F = Finding;\n");
    assert.equal(bad.length, 1);
  });
});
