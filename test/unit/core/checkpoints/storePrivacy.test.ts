// The checkpoint store as an attacker or a careless workspace would test it: secret files in every
// spelling never reach the store (not even as an unreferenced object), the store is private to the
// user, what the store writes in-process is valid git (fsck), a workspace's .gitattributes cannot
// make a restore convert line endings, and the state before an edit is rebuilt from pre-images.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointStore, shadowDirFor } from '../../../../src/core/checkpoints/store';
import { isSecretPath } from '../../../../src/core/checkpoints/snapshot';
import { secretReason } from '../../../../src/core/policy/pathRules';

async function tempDir(prefix: string): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

async function write(root: string, rel: string, data: string | Buffer): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), data);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [dir];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const blobId = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');

describe('checkpoint store: secrets, permissions, validity', () => {
  let ws: string;
  let storage: string;
  let store: CheckpointStore;
  let gitDir: string;
  const shadowGit = (...args: string[]) => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });

  beforeEach(async () => {
    ws = await tempDir('tandem-cpp-ws-');
    storage = await tempDir('tandem-cpp-store-');
    store = new CheckpointStore(storage, ws);
    gitDir = path.join(shadowDirFor(storage, ws), 'git');
  });
  afterEach(async () => {
    await fs.rm(ws, { recursive: true, force: true });
    await fs.rm(storage, { recursive: true, force: true });
  });

  it('never stores secret files, in any case or folder, not even as a loose object', async () => {
    const secrets: Record<string, string> = {
      '.env': 'API_KEY=sk-env-1\n',
      'app/.env.local': 'API_KEY=sk-env-2\n',
      '.ENV.Production': 'API_KEY=sk-env-3\n',
      '.envrc': 'export TOKEN=t-4\n',
      'certs/server.pem': '-----BEGIN PRIVATE KEY----- 5\n',
      'deploy/TLS.KEY': 'key 6\n',
      'id_rsa': 'rsa 7\n',
      'home/.ssh/config': 'Host x 8\n',
      '.aws/credentials': 'aws 9\n',
      '.npmrc': '//registry/:_authToken=10\n',
      'sub/.netrc': 'machine x password 11\n',
    };
    for (const [rel, text] of Object.entries(secrets)) await write(ws, rel, text);
    await write(ws, 'src/app.ts', 'export const app = 1;\n');
    await write(ws, 'environment.md', 'not a secret\n');
    const cp = await store.take({ reason: 'task start' });
    assert.equal(cp.files, 2);
    assert.deepEqual(shadowGit('ls-tree', '-r', '--name-only', cp.id).trim().split('\n').sort(), ['environment.md', 'src/app.ts']);
    for (const [rel, text] of Object.entries(secrets)) {
      const id = blobId(text);
      await assert.rejects(fs.access(path.join(gitDir, 'objects', id.slice(0, 2), id.slice(2))), `${rel} is in the object store`);
      assert.equal(await store.fileAt(cp.id, rel), undefined);
    }
    // A restore leaves secret files alone.
    await write(ws, '.env', 'API_KEY=changed\n');
    await store.restore(cp.id);
    assert.equal(await fs.readFile(path.join(ws, '.env'), 'utf8'), 'API_KEY=changed\n');
  });

  it('keeps a secret file an older store had added out of new checkpoints and out of its index', async () => {
    await write(ws, 'a.txt', 'a\n');
    await store.take({ reason: 'task start' });
    await write(ws, '.env', 'OLD=1\n');
    shadowGit(`--work-tree=${ws}`, 'add', '-f', '.env');
    await write(ws, 'a.txt', 'b\n');
    const cp = await store.take({ reason: 'edit' });
    assert.deepEqual(shadowGit('ls-tree', '-r', '--name-only', cp.id).trim().split('\n'), ['a.txt']);
    assert.equal(shadowGit('ls-files').trim(), 'a.txt');
  });

  it('is private to the user: folders 0700, files without group or other access', async () => {
    await write(ws, 'a.txt', 'a\n');
    await write(ws, 'big/b.txt', 'b\n');
    const cp = await store.take({ reason: 'task start' });
    await write(ws, 'a.txt', 'changed\n');
    await store.restore(cp.id);
    for (const p of await walk(path.join(storage, 'checkpoints'))) {
      const st = await fs.stat(p);
      assert.equal(st.mode & 0o077, 0, `${p} is ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) assert.equal(st.mode & 0o700, 0o700, p);
    }
  });

  it('writes valid git: fsck finds nothing wrong, and the tree is the one git itself writes', async () => {
    await write(ws, 'a-b.txt', '1\n');
    await write(ws, 'a/b.txt', '2\n');
    await write(ws, 'a.txt', '3\n');
    await write(ws, 'a0', '4\n');
    await write(ws, 'z/y/x.bin', Buffer.from([0, 255, 1]));
    await fs.symlink('a.txt', path.join(ws, 'link'));
    await fs.chmod(path.join(ws, 'a0'), 0o755);
    const cp = await store.take({ reason: 'task start' });
    shadowGit('fsck', '--strict', '--no-dangling');
    const tree = shadowGit('rev-parse', `${cp.id}^{tree}`).trim();
    assert.equal(shadowGit('write-tree').trim(), tree);
  });

  it("restores byte-exact files whatever the workspace's .gitattributes say", async () => {
    await write(ws, '.gitattributes', '* text eol=crlf\n*.txt filter=evil\n');
    await write(ws, 'a.txt', 'line one\nline two\n');
    await write(ws, 'b.txt', 'crlf\r\nkept\r\n');
    const cp = await store.take({ reason: 'task start' });
    await write(ws, 'a.txt', 'other\n');
    await write(ws, 'b.txt', 'other\n');
    await store.restore(cp.id);
    assert.equal(await fs.readFile(path.join(ws, 'a.txt'), 'utf8'), 'line one\nline two\n');
    assert.equal(await fs.readFile(path.join(ws, 'b.txt'), 'utf8'), 'crlf\r\nkept\r\n');
  });

  it('checkpoints the state before a change from its pre-images, with one snapshot after it', async () => {
    await write(ws, 'a.txt', 'before\n');
    await write(ws, 'gone.txt', 'deleted by the edit\n');
    await write(ws, 'run.sh', '#!/bin/sh\n');
    await fs.chmod(path.join(ws, 'run.sh'), 0o755);
    // The change: a.txt edited, gone.txt deleted, new.txt created, run.sh rewritten.
    await write(ws, 'a.txt', 'after\n');
    await fs.rm(path.join(ws, 'gone.txt'));
    await write(ws, 'new.txt', 'new\n');
    await write(ws, 'run.sh', '#!/bin/sh\necho changed\n');
    const preImages = [
      { path: 'a.txt', content: Buffer.from('before\n') },
      { path: 'gone.txt', content: Buffer.from('deleted by the edit\n') },
      { path: 'new.txt' },
      { path: 'run.sh', content: Buffer.from('#!/bin/sh\n'), mode: 0o100755 },
      { path: '.env', content: Buffer.from('SECRET=1\n') },
    ];
    const cp = await store.take({ reason: 'after edit' }, undefined, { meta: { reason: 'turn start' }, preImages });
    assert.ok(cp.before && cp.before.id !== cp.id);
    assert.equal(cp.files, 4);
    await store.restore(cp.before.id);
    assert.equal(await fs.readFile(path.join(ws, 'a.txt'), 'utf8'), 'before\n');
    assert.equal(await fs.readFile(path.join(ws, 'gone.txt'), 'utf8'), 'deleted by the edit\n');
    assert.equal(await fs.readFile(path.join(ws, 'run.sh'), 'utf8'), '#!/bin/sh\n');
    assert.equal((await fs.stat(path.join(ws, 'run.sh'))).mode & 0o111, 0o111);
    await assert.rejects(fs.access(path.join(ws, 'new.txt')));
    await assert.rejects(fs.access(path.join(ws, '.env')));
    // The state before the restore is the after-edit checkpoint itself: no third one.
    assert.deepEqual((await store.list()).map((c) => c.reason), ['after edit', 'turn start']);
  });
});

describe('checkpoint secret test', () => {
  it('the quick test lets through every path the secret rules call secret', () => {
    const secret = ['.env', 'a/.ENV.local', '.envrc', 'x.pem', 'd/TLS.Key', 'k.p12', 'k.pfx', 'k.jks', 'a.keystore', 'db.kdbx', 'p.ppk', 'id_rsa', 'ID_DSA', 'h/id_ecdsa', 'id_ed25519', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.pgpass', '.ssh/config', 'h/.AWS/credentials', '.gnupg/x', '.docker/config.json'];
    for (const p of secret) {
      assert.ok(secretReason(p), `${p} is secret by the rules`);
      assert.ok(isSecretPath(p), `${p} passes the quick test`);
    }
    for (const p of ['src/app.ts', 'environment.md', 'keys.ts', 'docs/aws.md', 'id.txt']) assert.equal(isSecretPath(p), false, p);
  });
});
