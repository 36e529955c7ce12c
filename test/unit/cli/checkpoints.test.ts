// `tandem exec` takes checkpoints, `tandem checkpoints` lists them and `tandem restore` rewinds the
// workspace — all as real child processes against the scripted model, in a plain folder and in a
// git repository whose HEAD, index and stash must not move.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { tempWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
}

describe('tandem checkpoints and restore (child process)', function () {
  this.timeout(40_000);
  let server: ModelServer;
  let root: string;
  let state: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n', 'old.txt': 'old\n', 'bin.dat': '' });
    await fs.writeFile(path.join(root, 'bin.dat'), Buffer.from([0, 159, 146, 150, 0]));
    await fs.symlink('a.txt', path.join(root, 'link'));
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cli-state-'));
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(state, { recursive: true, force: true });
  });
  const env = () => ({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: path.join(state, 'config') });
  const cli = (args: string[]) => runTandem(args, env());

  async function agentRun(): Promise<Array<Record<string, unknown>>> {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } }]),
      chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'rm old.txt; printf new > new.txt; printf X > bin.dat' } }]),
      chatStream('Done.'),
    );
    const r = await runTandem(['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--approval', 'full-auto', '--json', 'rework the files'], env());
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.type === 'checkpoint');
  }

  it('exec --json emits a checkpoint event each time one is taken; checkpoints --json lists them newest first', async () => {
    const events = await agentRun();
    assert.deepEqual(events.map((e) => e.reason), ['turn start', 'after edit_file', 'after run_command']);
    const list = await cli(['checkpoints', '--cwd', root, '--json']);
    assert.equal(list.code, 0, list.stderr);
    const items = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(items.map((i) => i.id), events.map((e) => e.id).reverse());
    for (const key of ['id', 'time', 'task', 'step', 'files']) assert.ok(key in items[0], key);
    assert.equal(items[0].task, 'rework the files');
    assert.ok(!Number.isNaN(Date.parse(String(items[0].time))));
    const text = await cli(['checkpoints', '--cwd', root]);
    assert.match(text.stdout, new RegExp(`^${String(events[2].id)} .*after run_command.*rework the files`, 'm'));
  });

  it('restore --yes rewinds a whole run: edited, created, deleted, binary and symlinked files; and can be undone', async () => {
    const events = await agentRun();
    const r = await cli(['restore', String(events[0].id), '--cwd', root, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /restore\s+a\.txt/);
    assert.match(r.stderr, /remove\s+new\.txt/);
    assert.match(r.stderr, /bring back\s+old\.txt/);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
    assert.equal(await fs.readFile(path.join(root, 'old.txt'), 'utf8'), 'old\n');
    await assert.rejects(fs.access(path.join(root, 'new.txt')));
    assert.deepEqual([...(await fs.readFile(path.join(root, 'bin.dat')))], [0, 159, 146, 150, 0]);
    assert.equal(await fs.readlink(path.join(root, 'link')), 'a.txt');
    // The restore is in the AI change log, one entry per file, and the log still verifies.
    const log = (await fs.readFile(path.join(root, '.tandem', 'ai-changes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { file: string; kind: string; task: string });
    const restored = log.filter((e) => e.task === `Restore checkpoint ${String(events[0].id)}`);
    assert.deepEqual(restored.map((e) => [e.file, e.kind]).sort(), [
      ['a.txt', 'restore (update)'],
      ['bin.dat', 'restore (update)'],
      ['new.txt', 'restore (delete)'],
      ['old.txt', 'restore (create)'],
    ]);
    const verify = await cli(['audit', 'verify', '--cwd', root]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const undoId = /tandem restore ([0-9a-f]+)/.exec(r.stdout)?.[1];
    assert.ok(undoId, r.stdout);
    const undo = await cli(['restore', undoId, '--cwd', root, '--yes']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'beta\n');
    assert.equal(await fs.readFile(path.join(root, 'new.txt'), 'utf8'), 'new');
  });

  it('in a git repository, HEAD, the index and the stash stay as they were', async () => {
    git(root, 'init', '-q');
    git(root, 'add', 'a.txt');
    git(root, 'commit', '-qm', 'one');
    await fs.writeFile(path.join(root, 'a.txt'), 'stash me\n');
    git(root, 'stash', '-q');
    git(root, 'add', 'old.txt');
    const before = [git(root, 'rev-parse', 'HEAD'), git(root, 'ls-files', '--stage'), git(root, 'stash', 'list')];
    const events = await agentRun();
    assert.equal((await cli(['restore', String(events[0].id), '--cwd', root, '--yes'])).code, 0);
    assert.deepEqual([git(root, 'rev-parse', 'HEAD'), git(root, 'ls-files', '--stage'), git(root, 'stash', 'list')], before);
  });

  it('without --yes and without a terminal, restore changes nothing and exits 4', async () => {
    const events = await agentRun();
    const r = await cli(['restore', String(events[0].id), '--cwd', root]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /Nothing was changed.*--yes/);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'beta\n');
  });

  it('an unknown id, a malformed id or a missing folder is a clear error with exit 2', async () => {
    await agentRun();
    const unknown = await cli(['restore', 'abcdef123456', '--cwd', root, '--yes']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no checkpoint abcdef123456.*tandem checkpoints/);
    assert.equal((await cli(['restore', '--cwd', root])).code, 2);
    assert.equal((await cli(['restore', 'x;rm', '--cwd', root, '--yes'])).code, 2);
    const missing = await cli(['checkpoints', '--cwd', path.join(root, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not a folder that exists/);
  });

  it('TANDEM_CHECKPOINTS=0 takes none', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'printf x > x.txt' } }]), chatStream('ok'));
    const r = await runTandem(['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--approval', 'full-auto', '--json', 'go'], { ...env(), TANDEM_CHECKPOINTS: '0' });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('"checkpoint"'));
    assert.match((await cli(['checkpoints', '--cwd', root])).stdout, /No checkpoints/);
  });
});
