// Choosing the search engine: the editor's ripgrep under VS Code's appRoot, else `rg` on PATH, else the
// JavaScript walk with one note. Binaries here are small scripts in temp folders standing in for
// ripgrep, so both outcomes are tested whatever this machine has installed.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectRipgrep, onRipgrepMissing, RIPGREP_MISSING_NOTE, ripgrepUnderAppRoot } from '../../../../src/core/tools/ripgrep';
import { createSearchTool } from '../../../../src/core/tools/search';

async function fakeBinary(file: string, versionLine: string | undefined): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, versionLine === undefined ? '#!/bin/sh\nexit 1\n' : `#!/bin/sh\necho '${versionLine}'\n`, { mode: 0o755 });
}

describe('ripgrep detection', () => {
  let tmp: string;
  beforeEach(async () => (tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-rg-'))));
  afterEach(() => fs.rm(tmp, { recursive: true, force: true }));
  // A PATH with a shell but without any rg (the fake scripts need /bin/sh, not PATH).
  const noRgOnPath = () => ({ PATH: path.join(tmp, 'empty-bin') });

  it("lists VS Code's ripgrep locations below appRoot, with .exe on Windows", () => {
    assert.deepEqual(ripgrepUnderAppRoot('/opt/code/resources/app', 'linux'), [
      '/opt/code/resources/app/node_modules/@vscode/ripgrep/bin/rg',
      '/opt/code/resources/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
    ]);
    assert.ok(ripgrepUnderAppRoot('C:\\VSCode\\resources\\app', 'win32').every((p) => p.endsWith('rg.exe')));
  });

  it("prefers the editor's ripgrep, with no rg on PATH", async () => {
    const appRoot = path.join(tmp, 'app');
    const [first, second] = ripgrepUnderAppRoot(appRoot, 'linux');
    await fakeBinary(second, 'ripgrep 14.1.0');
    assert.equal(detectRipgrep([first, second], noRgOnPath()), second);
  });

  it('skips a candidate that does not run as ripgrep, then uses rg from PATH', async () => {
    const broken = path.join(tmp, 'app', 'rg');
    await fakeBinary(broken, undefined);
    const notRipgrep = path.join(tmp, 'other', 'rg');
    await fakeBinary(notRipgrep, 'GNU grep 3.11');
    const bin = path.join(tmp, 'bin');
    await fakeBinary(path.join(bin, 'rg'), 'ripgrep 13.0.0');
    assert.equal(detectRipgrep([broken, notRipgrep, path.join(tmp, 'missing', 'rg')], { PATH: bin }), 'rg');
  });

  it('finds none without a candidate or rg on PATH', async () => {
    assert.equal(detectRipgrep([path.join(tmp, 'nope', 'rg')], noRgOnPath()), null);
  });

  it('the walk engine tells the host once that ripgrep is missing, and still finds matches', async () => {
    const notes: string[] = [];
    onRipgrepMissing((n) => notes.push(n));
    try {
      await fs.writeFile(path.join(tmp, 'a.txt'), 'needle\n');
      const search = createSearchTool({ ripgrep: () => null });
      const ctx = { workspaceRoot: tmp } as Parameters<typeof search.invoke>[1];
      for (let i = 0; i < 3; i++) assert.equal((await search.invoke({ query: 'needle' }, ctx, new AbortController().signal)).output, 'a.txt:1: needle');
      assert.deepEqual(notes, [RIPGREP_MISSING_NOTE]);
      // A search that has ripgrep (here a stand-in that finds nothing) says nothing.
      const rg = path.join(tmp, 'bin', 'rg');
      await fakeBinary(rg, undefined);
      onRipgrepMissing((n) => notes.push(`again: ${n}`));
      assert.equal((await createSearchTool({ ripgrep: () => rg }).invoke({ query: 'needle' }, ctx, new AbortController().signal)).output, 'No matches.');
      assert.equal(notes.length, 1);
    } finally {
      onRipgrepMissing(() => undefined);
    }
  });
});
