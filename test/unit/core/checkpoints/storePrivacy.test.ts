// The checkpoint store holds copies of the user's files: only the user may enter it, and secret files
// are never copied into it (a 0600 .env must not end up readable in a 0755 folder).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointStore, shadowDirFor } from '../../../../src/core/checkpoints/store';

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) await walk(p, out);
  }
  return out;
}

describe('checkpoint store privacy', () => {
  let ws: string;
  let storage: string;
  beforeEach(async () => {
    ws = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'cp-priv-ws-')));
    storage = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'cp-priv-st-')));
    for (const [f, t] of [['src/a.ts', 'x'], ['.env', 'TOKEN=1'], ['.env.local', 'TOKEN=2'], ['.env.example', 'TOKEN='], ['certs/server.key', 'KEY'], ['deploy/id_ed25519', 'SSH'], ['.npmrc', '//r/:_authToken=t']]) {
      await fs.mkdir(path.dirname(path.join(ws, f)), { recursive: true });
      await fs.writeFile(path.join(ws, f), t, { mode: 0o600 });
    }
  });
  afterEach(async () => {
    await fs.rm(ws, { recursive: true, force: true });
    await fs.rm(storage, { recursive: true, force: true });
  });

  it('keeps folders 0700 and files 0600, whatever the umask', async () => {
    const old = process.umask(0o022);
    try {
      await new CheckpointStore(storage, ws).take({ reason: 'task start' });
    } finally {
      process.umask(old);
    }
    const shadow = shadowDirFor(storage, ws);
    for (const p of [shadow, path.dirname(shadow), ...(await walk(shadow))]) {
      const st = await fs.lstat(p);
      if (st.isSymbolicLink()) continue;
      assert.equal(st.mode & 0o077, 0, `${path.relative(storage, p)} is ${(st.mode & 0o777).toString(8)}`);
    }
  });

  it('never stores secret files (.env, .env.local, keys, .npmrc), but stores .env.example', async () => {
    const cp = await new CheckpointStore(storage, ws).take({ reason: 'task start' });
    const gitDir = path.join(shadowDirFor(storage, ws), 'git');
    const tree = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', cp.id], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(tree, ['.env.example', 'src/a.ts']);
  });
});
