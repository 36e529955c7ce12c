// The isolated copy of an attempt, on real folders and real git: what is copied (uncommitted and
// untracked files, not .gitignore'd ones, dependency folders linked), what comes back as proposed
// changes (against the bytes on disk, even with .gitattributes asking git to convert line ends), and
// that a git workspace's own repository is never written.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listWorkspace, WorkspaceCopy } from '../../../../src/core/attempts/workspaceCopy';
import { liveTempFolders, makeTempFolder, removeTempFolder } from '../../../../src/core/attempts/tempFolders';

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [p, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.writeFile(path.join(root, p), text);
  }
}

describe('WorkspaceCopy', function () {
  this.timeout(30_000);
  let root: string;
  let folder: string;
  beforeEach(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-copy-src-')));
    folder = await makeTempFolder('tandem-copy-test-');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await removeTempFolder(folder);
  });

  async function copyOf(): Promise<WorkspaceCopy> {
    const listing = await listWorkspace(root, folder);
    return WorkspaceCopy.create(root, listing, folder);
  }

  it('copies a folder that is not a repository, honouring .gitignore files at every level, and links node_modules', async () => {
    await write(root, { 'a.txt': 'a\n', 'src/b.ts': 'b\n', '.gitignore': 'dist/\n*.log\nnode_modules/\n', 'dist/out.js': 'x', 'debug.log': 'x', 'src/.gitignore': 'gen/\n', 'src/gen/g.ts': 'g', 'node_modules/dep/index.js': 'dep', 'run.sh': '#!/bin/sh\n' });
    await fs.chmod(path.join(root, 'run.sh'), 0o755);
    await fs.symlink('a.txt', path.join(root, 'link.txt'));
    const copy = await copyOf();
    const files = spawnSync('find', ['.', '-not', '-type', 'd'], { cwd: copy.root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(files, ['./.gitignore', './a.txt', './link.txt', './node_modules', './run.sh', './src/.gitignore', './src/b.ts']);
    assert.equal(await fs.readlink(path.join(copy.root, 'link.txt')), 'a.txt');
    assert.equal(await fs.readlink(path.join(copy.root, 'node_modules')), path.join(root, 'node_modules'));
    assert.equal((await fs.stat(path.join(copy.root, 'run.sh'))).mode & 0o777, 0o755);
    assert.deepEqual((await copy.changes()).changes, []);
  });

  it('includes uncommitted and untracked files of a git workspace and never writes its repository', async () => {
    await write(root, { 'a.txt': 'committed\n', '.gitignore': 'secret.env\n' });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout;
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    await write(root, { 'a.txt': 'uncommitted\n', 'new.txt': 'untracked\n', 'secret.env': 'KEY=1\n' });
    const before = [git('status', '--porcelain'), git('stash', 'list'), git('worktree', 'list'), git('rev-parse', 'HEAD'), await fs.readFile(path.join(root, '.git', 'index'))];
    const copy = await copyOf();
    assert.equal(await fs.readFile(path.join(copy.root, 'a.txt'), 'utf8'), 'uncommitted\n');
    assert.equal(await fs.readFile(path.join(copy.root, 'new.txt'), 'utf8'), 'untracked\n');
    await assert.rejects(fs.access(path.join(copy.root, 'secret.env')));
    await assert.rejects(fs.access(path.join(copy.root, '.git')));
    assert.deepEqual([git('status', '--porcelain'), git('stash', 'list'), git('worktree', 'list'), git('rev-parse', 'HEAD'), await fs.readFile(path.join(root, '.git', 'index'))], before);
  });

  it('reports creations, updates and deletions against the bytes on disk (CRLF kept), binary files apart', async () => {
    await write(root, { 'keep.txt': 'same\n', 'crlf.txt': 'one\r\ntwo\r\n', 'gone.txt': 'bye\n', '.gitattributes': '* text=auto eol=lf\n' });
    const copy = await copyOf();
    await write(copy.root, { 'crlf.txt': 'one\r\nTWO\r\n', 'added.txt': 'hi\n', 'ignored-by-nothing.bin': '' });
    await fs.writeFile(path.join(copy.root, 'image.bin'), Buffer.from([0, 1, 2, 0, 255]));
    await fs.rm(path.join(copy.root, 'gone.txt'));
    const { changes, notText, added, removed } = await copy.changes();
    const byPath = Object.fromEntries(changes.map((c) => [c.path, c]));
    assert.deepEqual(Object.keys(byPath).sort(), ['added.txt', 'crlf.txt', 'gone.txt', 'ignored-by-nothing.bin']);
    assert.equal(byPath['crlf.txt'].kind, 'update');
    assert.equal(byPath['crlf.txt'].oldText, 'one\r\ntwo\r\n', 'the old text is the file as it is on disk');
    assert.equal(byPath['crlf.txt'].newText, 'one\r\nTWO\r\n');
    assert.equal(byPath['added.txt'].kind, 'create');
    assert.equal(byPath['gone.txt'].kind, 'delete');
    assert.equal(byPath['gone.txt'].oldText, 'bye\n');
    assert.deepEqual(notText, ['image.bin']);
    assert.deepEqual([added, removed], [2, 2]);
  });

  it('names a file the user changed meanwhile as a conflict instead of proposing a change against stale text', async () => {
    await write(root, { 'a.txt': 'one\n', 'b.txt': 'two\n' });
    const copy = await copyOf();
    await write(copy.root, { 'a.txt': 'attempt\n', 'b.txt': 'attempt\n' });
    await write(root, { 'a.txt': 'user typed this\n' });
    const { changes, conflicts } = await copy.changes();
    assert.deepEqual(conflicts, ['a.txt']);
    assert.deepEqual(changes.map((c) => [c.path, c.oldText, c.newText]), [['b.txt', 'two\n', 'attempt\n']]);
  });

  it('ignores a file rewritten with the same content and new files the .gitignore covers', async () => {
    await write(root, { 'a.txt': 'same\n', '.gitignore': 'out/\n' });
    const copy = await copyOf();
    await fs.rm(path.join(copy.root, 'a.txt'));
    await write(copy.root, { 'a.txt': 'same\n', 'out/build.js': 'x' });
    assert.deepEqual(await copy.changes(), { changes: [], notText: [], conflicts: [], added: 0, removed: 0 });
  });

  it('registers its temp folders until they are removed', async () => {
    const extra = await makeTempFolder('tandem-copy-extra-');
    assert.ok(liveTempFolders().includes(extra));
    await removeTempFolder(extra);
    assert.ok(!liveTempFolders().includes(extra));
    await assert.rejects(fs.access(extra));
  });
});
