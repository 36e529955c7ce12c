// Scans remembered by content: the same text is not parsed again, a changed text is, findings handed
// out can be changed by the caller without changing the remembered ones, and scanning many files keeps
// memory bounded (every syntax tree freed, the cache capped).
import { strict as assert } from 'node:assert';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { treeStats } from '../../../../src/core/guard/engine/parse';
import { scanTextWithImports } from '../../../../src/core/guard/importedHelpers';
import { scanChange, scanText } from '../../../../src/core/guard/scan';
import { CACHED_SCANS, clearScanCache, scanCacheStats } from '../../../../src/core/guard/scanCache';

const SAFE = ['const express = require("express");', 'const app = express();', 'app.get("/", (req, res) => res.send("ok"));', ''].join('\n');
const FLOW = ['app.get("/u", (req, res) => {', '  const sql = "SELECT * FROM users WHERE id = " + req.query.id;', '  db.query(sql);', '});', ''].join('\n');

const lines = (fs: Array<{ ruleId: string; line: number }>) => fs.map((f) => `${f.ruleId}:${f.line}`);

describe('guard scans remembered by content', () => {
  beforeEach(() => clearScanCache());

  it('does not parse the same text again, and gives the same findings', async () => {
    const first = await scanText('a.js', SAFE + FLOW);
    const parsed = treeStats.parsed;
    const again = await scanText('a.js', SAFE + FLOW);
    assert.equal(treeStats.parsed, parsed, 'the unchanged text was parsed again');
    assert.deepEqual(again, first);
    assert.deepEqual(lines(first), ['sql-injection:6']);
  });

  it('does not answer from memory when the same text imports a different helper (the file it imports changed)', async () => {
    const caller = "import { run } from './utils';\nexport const f = (d: string) => run('ls ' + d);\n";
    const files = (utils: string) => async (rel: string) => (rel === 'src/utils.ts' ? utils : undefined);
    const harmless = "export function run(cmd: string) { return cmd.length; }\n";
    const shell = "import { execSync } from 'child_process';\nexport function run(cmd: string) { return execSync(cmd); }\n";
    assert.deepEqual(lines(await scanTextWithImports('src/main.ts', caller, files(harmless))), []);
    const found = await scanTextWithImports('src/main.ts', caller, files(shell));
    assert.deepEqual([...new Set(found.map((f) => f.line))], [2], 'the helper now reaches a shell: the unchanged caller is found');
  });

  it('parses a changed text and reports its own findings', async () => {
    assert.deepEqual(lines(await scanText('a.js', SAFE)), []);
    const parsed = treeStats.parsed;
    assert.deepEqual(lines(await scanText('a.js', SAFE + FLOW)), ['sql-injection:6']);
    assert.equal(treeStats.parsed, parsed + 1);
  });

  it('keys by path and disabled rules too: another path or rule set is another scan', async () => {
    const a = await scanText('a.js', FLOW);
    const b = await scanText('b.js', FLOW);
    assert.deepEqual([a[0].path, b[0].path], ['a.js', 'b.js']);
    assert.deepEqual(await scanText('a.js', FLOW, ['sql-injection']), []);
    assert.deepEqual(lines(await scanText('a.js', FLOW)), ['sql-injection:3']);
  });

  it('hands out copies: changing returned findings does not change the next answer', async () => {
    // The first answer is the scan's own, the second one comes from memory: change both.
    for (let i = 0; i < 2; i++) {
      const got = await scanText('a.js', FLOW);
      got[0].line = 99;
      got[0].related?.splice(0);
      got.pop();
    }
    const again = await scanText('a.js', FLOW);
    assert.deepEqual(lines(again), ['sql-injection:3']);
    assert.ok(again[0].related?.length, 'the remembered related lines were emptied');
  });

  it('scans a proposed change once however often it is asked (proposal, card, model feedback)', async () => {
    const change = makeChange({ path: 'a.js', kind: 'update', oldText: SAFE, newText: SAFE + FLOW });
    const parsed = treeStats.parsed;
    const first = await scanChange(change);
    const second = await scanChange(change);
    assert.equal(treeStats.parsed, parsed + 1);
    assert.deepEqual(lines(second), lines(first));
    assert.deepEqual(lines(first), ['sql-injection:6']);
  });

  it('keeps memory bounded over many files: every tree is freed and the cache is capped', async () => {
    const before = { ...treeStats };
    const n = CACHED_SCANS + 40;
    for (let i = 0; i < n; i++) await scanText(`f${i}.py`, `import os\nx${i} = input()\nos.system("ls " + x${i})\n`);
    assert.equal(treeStats.parsed - before.parsed, n, 'each distinct file is parsed once');
    assert.equal(treeStats.freed - before.freed, n, 'a syntax tree was not freed');
    assert.equal(scanCacheStats().size, CACHED_SCANS);
    // The oldest were let go (parsed again), the newest are remembered (not parsed).
    const parsed = treeStats.parsed;
    await scanText(`f${n - 1}.py`, `import os\nx${n - 1} = input()\nos.system("ls " + x${n - 1})\n`);
    assert.equal(treeStats.parsed, parsed);
    await scanText('f0.py', 'import os\nx0 = input()\nos.system("ls " + x0)\n');
    assert.equal(treeStats.parsed, parsed + 1);
  });
});
