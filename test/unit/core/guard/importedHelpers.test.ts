// Cross-file summaries as an attacker and a real code base would exercise them: a helper that runs its
// parameter in a shell, imported under every spelling (named, renamed, namespace, default, require,
// Python relative imports), helpers of helpers across files, import cycles, a missing import, a huge
// file, an import that would leave the scan, a helper that quotes its parameter, and the workspace
// reader a proposed change uses (other files of the same change, secrets and symlinks out never read).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { candidatePaths, MAX_IMPORT_CHARS, relativeImports, scanChangeWithImports, scanTextWithImports, type ReadImport } from '../../../../src/core/guard/importedHelpers';
import { workspaceImportReader } from '../../../../src/core/guard/importReader';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { scanText } from '../../../../src/core/guard/scan';

const UTILS_TS = "import { execSync } from 'child_process';\nexport function run(cmd: string) {\n  return execSync(cmd, { stdio: 'inherit' });\n}\n";
const UTILS_PY = 'import os\n\ndef run_cmd(cmd):\n    return os.popen(cmd).read()\n';

/** A reader over an in-memory tree that records what it was asked for. */
function tree(files: Record<string, string>): ReadImport & { asked: string[] } {
  const asked: string[] = [];
  const read = (async (p: string) => {
    asked.push(p);
    return files[p];
  }) as ReadImport & { asked: string[] };
  read.asked = asked;
  return read;
}

const shellLines = async (file: string, text: string, read: ReadImport) =>
  (await scanTextWithImports(file, text, read)).filter((f) => f.ruleId === 'command-injection').map((f) => f.line);

describe('guard cross-file summaries', () => {
  const rows: Array<[string, string, string, Record<string, string>, number[]]> = [
    ['a named import', 'src/main.ts', "import { run } from './utils';\nexport function clean(dir: string) {\n  run(`rm -rf ${dir}/build`);\n}\n", { 'src/utils.ts': UTILS_TS }, [3]],
    ['a renamed import', 'src/main.ts', "import { run as sh } from './utils.js';\nexport const f = (d: string) => sh('ls ' + d);\n", { 'src/utils.ts': UTILS_TS }, [2]],
    ['a namespace import', 'src/main.ts', "import * as u from './utils';\nexport const f = (d: string) => u.run(`ls ${d}`);\n", { 'src/utils.ts': UTILS_TS }, [2]],
    ['an import from the parent folder', 'src/platforms/linux.ts', "import { run } from '../utils';\nexport function add(domain: string) {\n  run(`echo '127.0.0.1 ${domain}' | sudo tee -a /etc/hosts`);\n}\n", { 'src/utils.ts': UTILS_TS }, [3]],
    ['an index file', 'src/main.ts', "import { run } from './shell';\nexport const f = (d: string) => run('ls ' + d);\n", { 'src/shell/index.ts': UTILS_TS }, [2]],
    ['require, destructured', 'lib/a.js', "const { run } = require('./utils');\nmodule.exports = (d) => run('ls ' + d);\n", { 'lib/utils.js': UTILS_TS.replace(/: string/g, '') }, [2]],
    ['require, whole module', 'lib/a.js', "const utils = require('./utils');\nmodule.exports = (d) => utils.run('ls ' + d);\n", { 'lib/utils.js': UTILS_TS.replace(/: string/g, '') }, [2]],
    ['Python from .module import', 'pkg/a.py', 'from .util import run_cmd\n\ndef size(path):\n    return run_cmd("du -sh " + path)\n', { 'pkg/util.py': UTILS_PY }, [4]],
    ['Python from . import module', 'pkg/a.py', 'from . import util\n\ndef size(path):\n    return util.run_cmd("du -sh " + path)\n', { 'pkg/util.py': UTILS_PY }, [4]],
    ['Python from .. import, a package __init__', 'pkg/sub/a.py', 'from ..tools import run_cmd\n\ndef size(path):\n    return run_cmd(f"du -sh {path}")\n', { 'pkg/tools/__init__.py': UTILS_PY }, [4]],
    ['a constant command is no finding', 'src/main.ts', "import { run } from './utils';\nrun('brew install nss');\n", { 'src/utils.ts': UTILS_TS }, []],
    ['an unrelated method of the same name is no sink', 'src/main.ts', "import { run } from './utils';\nexport const f = (id: string) => db.run('DELETE FROM t WHERE id = ' + id);\n", { 'src/utils.ts': UTILS_TS }, []],
    [
      'a parameter the helper quotes is not reported',
      'src/main.ts',
      "import { list } from './utils';\nexport const f = (d: string) => list(d + '/x');\n",
      { 'src/utils.ts': "import { execSync } from 'child_process';\nimport shellescape from 'shell-escape';\nexport function list(dir: string) {\n  return execSync('ls ' + shellescape([dir]));\n}\n" },
      [],
    ],
    [
      'a helper that runs a program without a shell is no sink',
      'src/main.ts',
      "import { run } from './utils';\nexport const f = (d: string) => run('ls', [d]);\n",
      { 'src/utils.ts': "import { execFileSync } from 'child_process';\nexport function run(cmd: string, args: string[]) {\n  return execFileSync(cmd, args);\n}\n" },
      [],
    ],
  ];
  for (const [name, file, text, files, lines] of rows) {
    it(`follows ${name}`, async () => {
      assert.deepEqual(await shellLines(file, text, tree(files)), lines);
    });
  }

  it('names the helper and its file in the finding', async () => {
    const [f] = await scanTextWithImports('src/main.ts', "import { run } from './utils';\nexport const f = (d: string) => run('ls ' + d);\n", tree({ 'src/utils.ts': UTILS_TS }));
    assert.equal(f.ruleId, 'command-injection');
    assert.match(f.message, /run\(\) \(src\/utils\.ts, line 3\)/);
  });

  it('follows a helper of a helper in a third file', async () => {
    const files = {
      'src/utils.ts': UTILS_TS,
      'src/openssl.ts': "import { run } from './utils';\nexport function openssl(args: string) {\n  return run(`openssl ${args}`);\n}\n",
    };
    const text = "import { openssl } from './openssl';\nexport function key(domain: string) {\n  openssl(`genrsa -out \"${domain}.key\" 2048`);\n}\n";
    assert.deepEqual(await shellLines('src/certificates.ts', text, tree(files)), [3]);
  });

  it('ends at an import cycle and still finds what it can', async () => {
    const files = {
      'src/a.ts': "import { b } from './b';\nimport { execSync } from 'child_process';\nexport function a(cmd: string) { return execSync(cmd); }\nexport const useB = () => b('x');\n",
      'src/b.ts': "import { a } from './a';\nexport function b(arg: string) { return a('echo ' + arg); }\n",
    };
    const read = tree(files);
    // b.ts imports a.ts, which imports b.ts again: the walk stops there and b's helper a() is still known.
    assert.deepEqual(await shellLines('src/b.ts', files['src/b.ts'], read), [2]);
    assert.deepEqual(await shellLines('src/a.ts', files['src/a.ts'], read), []);
    assert.ok(read.asked.length < 20, `asked ${read.asked.length} times`);
  });

  it('scans a file whose import is missing as before, without an error', async () => {
    const text = "import { run } from './nowhere';\nimport { execSync } from 'child_process';\nexport const f = (d: string) => { run('ls ' + d); execSync('ls ' + d); };\n";
    const got = await scanTextWithImports('src/main.ts', text, tree({}));
    assert.deepEqual(
      got.map((f) => [f.ruleId, f.line]),
      (await scanText('src/main.ts', text)).map((f) => [f.ruleId, f.line]),
    );
  });

  it('skips an imported file past the size cap', async () => {
    const huge = UTILS_TS + `export const pad = ${JSON.stringify('x'.repeat(MAX_IMPORT_CHARS))};\n`;
    const text = "import { run } from './utils';\nexport const f = (d: string) => run('ls ' + d);\n";
    assert.deepEqual(await shellLines('src/main.ts', text, tree({ 'src/utils.ts': huge })), []);
    assert.deepEqual(await shellLines('src/main.ts', text, tree({ 'src/utils.ts': UTILS_TS })), [2]);
  });

  it('never asks for a file outside the scanned tree', async () => {
    const read = tree({});
    await scanTextWithImports('main.ts', "import { run } from '../../etc/utils';\nimport x from './ok';\n", read);
    assert.ok(read.asked.every((p) => !p.startsWith('..') && !path.isAbsolute(p)), read.asked.join(', '));
    assert.deepEqual(candidatePaths('a/b.py', '../../x'), []);
  });

  it('reads the bindings of every import spelling', () => {
    assert.deepEqual(relativeImports('a.ts', "import def, { a, b as c } from './m';\nimport type { T } from './t';\nimport 'side';\nimport lodash from 'lodash';"), [
      { spec: './m', names: [{ exported: 'a', local: 'a' }, { exported: 'b', local: 'c' }], namespace: 'def' },
      { spec: './t', names: [{ exported: 'T', local: 'T' }] },
    ]);
    assert.deepEqual(relativeImports('a.py', 'from .m import (a,\n    b as c)\nfrom os import path\nfrom .. import tools'), [
      { spec: './m', names: [{ exported: 'a', local: 'a' }, { exported: 'b', local: 'c' }] },
      { spec: '../tools', names: [], namespace: 'tools' },
    ]);
  });

  describe('the workspace reader of a proposed change', () => {
    let root: string;
    beforeEach(async () => {
      root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-imports-')));
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    it('finds a helper on disk, and one added in the same change', async () => {
      await fs.mkdir(path.join(root, 'src'));
      await fs.writeFile(path.join(root, 'src/utils.ts'), UTILS_TS);
      const main = makeChange({ path: 'src/main.ts', kind: 'create', newText: "import { run } from './utils';\nimport { sh } from './sh';\nexport const f = (d: string) => run('ls ' + d);\nexport const g = (d: string) => sh('ls ' + d);\n" });
      const sh = makeChange({ path: 'src/sh.ts', kind: 'create', newText: UTILS_TS.replace('function run', 'function sh') });
      const got = await scanChangeWithImports(main, workspaceImportReader(root, [main, sh]));
      assert.deepEqual(got.filter((f) => f.ruleId === 'command-injection').map((f) => f.line), [3, 4]);
    });

    it('reads the workspace when it was opened through a symlink', async () => {
      await fs.writeFile(path.join(root, 'utils.ts'), UTILS_TS);
      const link = `${root}-link`;
      await fs.symlink(root, link);
      try {
        assert.equal(await workspaceImportReader(link)('utils.ts'), UTILS_TS);
      } finally {
        await fs.rm(link);
      }
    });

    it('reads no secret file and no file through a symlink that leaves the workspace', async () => {
      const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-outside-'));
      try {
        await fs.writeFile(path.join(outside, 'utils.ts'), UTILS_TS);
        await fs.symlink(path.join(outside, 'utils.ts'), path.join(root, 'linked.ts'));
        await fs.writeFile(path.join(root, '.env'), 'TOKEN=1');
        const read = workspaceImportReader(root);
        assert.equal(await read('linked.ts'), undefined);
        assert.equal(await read('.env'), undefined);
        assert.equal(await read('missing.ts'), undefined);
      } finally {
        await fs.rm(outside, { recursive: true, force: true });
      }
    });
  });
});
