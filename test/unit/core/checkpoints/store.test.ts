import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointStore, shadowDirFor } from '../../../../src/core/checkpoints/store';

async function tempDir(prefix: string): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
}

async function write(root: string, rel: string, text: string | Buffer, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), text);
  if (mode !== undefined) await fs.chmod(path.join(root, rel), mode);
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

describe('checkpoint store (shadow git outside the workspace)', () => {
  let ws: string;
  let storage: string;
  let store: CheckpointStore;

  beforeEach(async () => {
    ws = await tempDir('tandem-cp-ws-');
    storage = await tempDir('tandem-cp-store-');
    store = new CheckpointStore(storage, ws, { maxFileBytes: 1024 * 1024 });
  });

  afterEach(async () => {
    await fs.rm(ws, { recursive: true, force: true });
    await fs.rm(storage, { recursive: true, force: true });
  });

  it('restores a plain folder exactly: changed files back, created removed, deleted back, modes, binaries and symlinks kept', async () => {
    await write(ws, 'src/a.ts', 'const a = 1;\n');
    await write(ws, 'run.sh', '#!/bin/sh\necho hi\n', 0o755);
    await write(ws, 'img.bin', Buffer.from([0, 1, 2, 255, 0, 7]));
    await write(ws, 'gone.txt', 'keep me\n');
    await fs.symlink('src/a.ts', path.join(ws, 'link'));
    const before = await store.take({ reason: 'task start', task: 'demo' });
    assert.equal(before.files, 5);

    await write(ws, 'src/a.ts', 'const a = 2;\n');
    await write(ws, 'src/new.ts', 'export {};\n');
    await fs.rm(path.join(ws, 'gone.txt'));
    await fs.chmod(path.join(ws, 'run.sh'), 0o644);
    await write(ws, 'img.bin', Buffer.from([9, 9]));
    await fs.rm(path.join(ws, 'link'));
    await fs.symlink('run.sh', path.join(ws, 'link'));

    const preview = await store.changes(before.id);
    const byPath = Object.fromEntries(preview.map((c) => [c.path, c.action]));
    assert.deepEqual(byPath, { 'gone.txt': 'recreate', 'img.bin': 'revert', link: 'revert', 'run.sh': 'revert', 'src/a.ts': 'revert', 'src/new.ts': 'remove' });

    const { undo, changed } = await store.restore(before.id);
    assert.equal(changed.length, 6);
    assert.equal(await fs.readFile(path.join(ws, 'src/a.ts'), 'utf8'), 'const a = 1;\n');
    assert.equal(await exists(path.join(ws, 'src/new.ts')), false);
    assert.equal(await fs.readFile(path.join(ws, 'gone.txt'), 'utf8'), 'keep me\n');
    assert.equal((await fs.stat(path.join(ws, 'run.sh'))).mode & 0o111, 0o111);
    assert.deepEqual([...(await fs.readFile(path.join(ws, 'img.bin')))], [0, 1, 2, 255, 0, 7]);
    assert.equal(await fs.readlink(path.join(ws, 'link')), 'src/a.ts');

    // The restore is itself undoable.
    await store.restore(undo.id);
    assert.equal(await fs.readFile(path.join(ws, 'src/a.ts'), 'utf8'), 'const a = 2;\n');
    assert.equal(await fs.readFile(path.join(ws, 'src/new.ts'), 'utf8'), 'export {};\n');
    assert.equal(await exists(path.join(ws, 'gone.txt')), false);
  });

  it('never touches the user repository: HEAD, index, stash and config stay the same, and no .git is created elsewhere', async () => {
    await write(ws, '.gitignore', 'build/\n');
    await write(ws, 'tracked.txt', 'v1\n');
    git(ws, 'init', '-q');
    git(ws, 'add', '.');
    git(ws, 'commit', '-qm', 'first');
    await write(ws, 'tracked.txt', 'stashed\n');
    git(ws, 'stash', '-q');
    await write(ws, 'staged.txt', 'staged\n');
    git(ws, 'add', 'staged.txt');
    await write(ws, 'build/out.js', 'ignored\n');
    const snapshot = () => ({
      head: git(ws, 'rev-parse', 'HEAD'),
      index: git(ws, 'ls-files', '--stage'),
      stash: git(ws, 'stash', 'list'),
      status: git(ws, 'status', '--porcelain'),
      config: execFileSync('cat', [path.join(ws, '.git', 'config')], { encoding: 'utf8' }),
      refs: git(ws, 'for-each-ref'),
    });
    const before = snapshot();

    const cp = await store.take({ reason: 'task start' });
    await write(ws, 'tracked.txt', 'edited by the agent\n');
    await store.take({ reason: 'edit', step: 1 });
    await store.restore(cp.id);

    const after = snapshot();
    assert.deepEqual(after, before);
    assert.equal(await fs.readFile(path.join(ws, 'tracked.txt'), 'utf8'), 'v1\n');
    // Ignored files were neither snapshotted nor removed.
    assert.equal(await fs.readFile(path.join(ws, 'build/out.js'), 'utf8'), 'ignored\n');
    assert.equal(await store.fileAt(cp.id, 'build/out.js'), undefined);
    // The shadow repository lives in the storage folder, not in the workspace.
    assert.ok(await exists(path.join(shadowDirFor(storage, ws), 'git', 'HEAD')));
    assert.deepEqual((await fs.readdir(ws)).sort(), ['.git', '.gitignore', 'build', 'staged.txt', 'tracked.txt']);
  });

  it('never writes through a symlink that replaced a folder since the checkpoint', async () => {
    const outside = await tempDir('tandem-cp-outside-');
    try {
      await write(ws, 'd/f.txt', 'inside\n');
      const cp = await store.take({ reason: 'task start' });
      await fs.rm(path.join(ws, 'd'), { recursive: true });
      await fs.symlink(outside, path.join(ws, 'd'));
      await store.restore(cp.id);
      assert.deepEqual(await fs.readdir(outside), [], 'nothing was written outside the workspace');
      assert.equal((await fs.lstat(path.join(ws, 'd'))).isDirectory(), true);
      assert.equal(await fs.readFile(path.join(ws, 'd/f.txt'), 'utf8'), 'inside\n');
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('works in a folder that is not a git repository and creates no .git there', async () => {
    await write(ws, 'a.txt', 'a\n');
    await store.take({ reason: 'task start' });
    assert.equal(await exists(path.join(ws, '.git')), false);
  });

  it("leaves Tandem's own .tandem folder out, so a restore never rewinds the AI change log", async () => {
    await write(ws, '.tandem/ai-changes.jsonl', '{"n":1}\n');
    const cp = await store.take({ reason: 'task start' });
    await write(ws, '.tandem/ai-changes.jsonl', '{"n":1}\n{"n":2}\n');
    await store.restore(cp.id);
    assert.equal(await fs.readFile(path.join(ws, '.tandem/ai-changes.jsonl'), 'utf8'), '{"n":1}\n{"n":2}\n');
  });

  it('returns the last checkpoint when nothing changed, and counts the files a new one changed', async () => {
    await write(ws, 'a.txt', 'a\n');
    await write(ws, 'b.txt', 'b\n');
    const first = await store.take({ reason: 'task start' });
    const same = await store.take({ reason: 'command' });
    assert.equal(same.id, first.id);
    await write(ws, 'b.txt', 'b2\n');
    const next = await store.take({ reason: 'edit', task: 't', taskId: 'T1', step: 3 });
    assert.notEqual(next.id, first.id);
    assert.equal(next.files, 1);
    const list = await store.list();
    assert.deepEqual(
      list.map((c) => [c.id, c.reason, c.step]),
      [
        [next.id, 'edit', 3],
        [first.id, 'task start', undefined],
      ],
    );
    assert.equal(list[0].taskId, 'T1');
  });

  it('leaves new files over the size cap out and says which', async () => {
    await write(ws, 'small.txt', 'x\n');
    await write(ws, 'huge.bin', Buffer.alloc(2 * 1024 * 1024, 1));
    const cp = await store.take({ reason: 'task start' });
    assert.deepEqual(cp.skipped, ['huge.bin']);
    assert.equal(await store.fileAt(cp.id, 'huge.bin'), undefined);
    // A restore does not remove the file it never saw.
    await write(ws, 'small.txt', 'y\n');
    await store.restore(cp.id);
    assert.equal((await fs.stat(path.join(ws, 'huge.bin'))).size, 2 * 1024 * 1024);
  });

  it('refuses unknown and malformed ids with a sentence that says what to do', async () => {
    await write(ws, 'a.txt', 'a\n');
    await store.take({ reason: 'task start' });
    await assert.rejects(store.restore('deadbeef0000'), /no checkpoint deadbeef0000.*tandem checkpoints/);
    await assert.rejects(store.changes('../etc'), /not a checkpoint id/);
  });

  it('refuses an id prefix that matches two checkpoints, restoring nothing, and takes the longer ids', async () => {
    await write(ws, 'a.txt', 'a\n');
    const first = await store.take({ reason: 'task start' });
    // A second checkpoint commit whose id starts with the same 4 digits: found by varying its message.
    const gitDir = path.join(shadowDirFor(storage, ws), 'git');
    const body = execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'commit', first.id], { encoding: 'utf8' });
    let twin = '';
    let text = '';
    for (let n = 0; !twin.startsWith(first.id.slice(0, 4)); n++) {
      text = body.replace(/\n\n[\s\S]*$/, `\n\n${JSON.stringify({ reason: `twin ${n}`, time: first.time })}\n`);
      twin = createHash('sha1').update(`commit ${Buffer.byteLength(text)}\0${text}`).digest('hex');
    }
    assert.equal(execFileSync('git', ['--git-dir', gitDir, 'hash-object', '-w', '-t', 'commit', '--stdin'], { input: text, encoding: 'utf8' }).trim(), twin);
    execFileSync('git', ['--git-dir', gitDir, 'update-ref', `refs/tandem/checkpoints/twin`, twin]);
    await write(ws, 'a.txt', 'changed\n');
    for (const prefix of [first.id.slice(0, 4), first.id.slice(0, 4).toUpperCase()]) {
      await assert.rejects(store.changes(prefix), new RegExp(`The id ${prefix} matches several checkpoints; give more of it`));
      await assert.rejects(store.restore(prefix), /matches several checkpoints/);
    }
    assert.equal(await fs.readFile(path.join(ws, 'a.txt'), 'utf8'), 'changed\n', 'nothing was restored');
    assert.equal((await store.list()).length, 2, 'no undo checkpoint was taken for a refused restore');
    const longer = first.id.slice(0, first.id[4] === twin[4] ? 40 : 5);
    assert.deepEqual((await store.changes(longer)).map((c) => c.path), ['a.txt']);
  });

  it('prunes checkpoints older than the limit and keeps the rest restorable', async () => {
    await write(ws, 'a.txt', '1\n');
    const old = await store.take({ reason: 'task start' });
    await write(ws, 'a.txt', '2\n');
    const recent = await store.take({ reason: 'edit' });
    const removed = await store.prune(14, recent.time + 14 * 86_400_000 + 1 - (recent.time - old.time) / 2);
    assert.equal(removed, 1);
    assert.deepEqual((await store.list()).map((c) => c.id), [recent.id]);
    await write(ws, 'a.txt', '3\n');
    await store.restore(recent.id);
    assert.equal(await fs.readFile(path.join(ws, 'a.txt'), 'utf8'), '2\n');
  });

  it('serialises concurrent snapshots of one store', async () => {
    await write(ws, 'a.txt', 'a\n');
    const results = await Promise.all([store.take({ reason: 'a' }), store.take({ reason: 'b' }), store.list()]);
    assert.equal(results[0].id, results[1].id);
  });
});
