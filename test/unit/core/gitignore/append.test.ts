// Writing `.tandem/` into a real .gitignore in a temp folder: created when missing, appended with the
// file's own line endings, never twice, and refused — with the file untouched — when it is a link,
// not a regular file, or read-only (also when the tests run as root).
import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addTandemToGitignore, GitignoreWriteError } from '../../../../src/core/gitignore/append';

describe('adding .tandem/ to .gitignore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-gitignore-'));
    file = path.join(dir, '.gitignore');
  });
  afterEach(() => {
    try {
      chmodSync(file, 0o644);
    } catch {
      /* not there */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a missing .gitignore holding the entry and a final newline', async () => {
    assert.deepEqual(await addTandemToGitignore(dir), { file, status: 'added' });
    assert.equal(readFileSync(file, 'utf8'), '.tandem/\n');
  });

  const cases: Array<[string, string, string]> = [
    ['an LF file', 'node_modules/\n', 'node_modules/\n.tandem/\n'],
    ['an LF file without a final newline', 'node_modules/', 'node_modules/\n.tandem/\n'],
    ['a CRLF file', 'node_modules/\r\ndist/\r\n', 'node_modules/\r\ndist/\r\n.tandem/\r\n'],
    ['a CRLF file without a final newline', 'node_modules/\r\ndist/', 'node_modules/\r\ndist/\r\n.tandem/\r\n'],
    ['a file with a BOM', '\uFEFFnode_modules/\n', '\uFEFFnode_modules/\n.tandem/\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`appends to ${name}, keeping every byte it had`, async () => {
      writeFileSync(file, before);
      assert.equal((await addTandemToGitignore(dir)).status, 'added');
      assert.equal(readFileSync(file, 'utf8'), after);
    });
  }

  for (const spelling of ['/.tandem', '.tandem', '.tandem/**', '.tandem/']) {
    it(`leaves a file listing ${spelling} as it is`, async () => {
      writeFileSync(file, `dist/\n${spelling}`);
      assert.equal((await addTandemToGitignore(dir)).status, 'present');
      assert.equal(readFileSync(file, 'utf8'), `dist/\n${spelling}`);
    });
  }

  it('adds the entry once when asked twice', async () => {
    writeFileSync(file, 'dist/\n');
    await addTandemToGitignore(dir);
    assert.equal((await addTandemToGitignore(dir)).status, 'present');
    assert.equal(readFileSync(file, 'utf8'), 'dist/\n.tandem/\n');
  });

  it('refuses a read-only .gitignore and leaves it untouched', async () => {
    writeFileSync(file, 'dist/');
    chmodSync(file, 0o444);
    await assert.rejects(addTandemToGitignore(dir), (err: Error) => err instanceof GitignoreWriteError && /is read-only/.test(err.message) && /add the line \.tandem\/ to it yourself/.test(err.message));
    assert.equal(readFileSync(file, 'utf8'), 'dist/');
  });

  it('refuses a .gitignore that is a symbolic link, and writes nothing where it points', async () => {
    const outside = path.join(dir, 'outside.txt');
    writeFileSync(outside, 'secret\n');
    symlinkSync(outside, file);
    await assert.rejects(addTandemToGitignore(dir), /is a symbolic link; Tandem does not write through links/);
    assert.equal(readFileSync(outside, 'utf8'), 'secret\n');
    assert.ok(lstatSync(file).isSymbolicLink());
  });

  it('refuses a dangling symbolic link instead of creating its target', async () => {
    const target = path.join(dir, 'elsewhere');
    symlinkSync(target, file);
    await assert.rejects(addTandemToGitignore(dir), /symbolic link/);
    assert.throws(() => lstatSync(target));
  });

  it('refuses a .gitignore that is a folder', async () => {
    mkdirSync(file);
    await assert.rejects(addTandemToGitignore(dir), /is not a regular file/);
  });

  it('says the folder cannot be written when the file cannot be created', async () => {
    await assert.rejects(addTandemToGitignore(path.join(dir, 'missing-folder')), (err: Error) => err instanceof GitignoreWriteError && /Nothing was changed/.test(err.message));
  });
});
