// Lazy checkpoints (tandem exec) with the real store, real tools and a real temp workspace: a task
// that only reads takes none and starts no git; an edit's one snapshot makes both the turn-start and
// the after-edit checkpoint; before a command the turn start is taken first, so a command that wrote
// files restores exactly; the snapshot after a call overlaps the next model request, and what may
// change files next waits for it. git is counted through a logging stand-in for the git program.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { CheckpointStore } from '../../../../src/core/checkpoints/store';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

describe('lazy agent checkpoints', () => {
  let server: ModelServer;
  let root: string;
  let storage: string;
  let gitLog: string;
  let store: CheckpointStore;
  const gitCalls = async () => (await fs.readFile(gitLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);

  beforeEach(async () => {
    server = await ModelServer.start();
    root = await fs.realpath(await tempWorkspace({ 'a.txt': 'one\n', 'keep.txt': 'keep\n', 'src/b.ts': 'export const b = 1;\n' }));
    storage = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cp-lazy-'));
    gitLog = path.join(storage, 'git.log');
    const wrapper = path.join(storage, 'git-logged');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${gitLog}'\nexec git "$@"\n`, { mode: 0o755 });
    store = new CheckpointStore(storage, root, { gitBinary: wrapper });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(storage, { recursive: true, force: true });
  });

  const run = (task: string) => {
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), checkpoints: store, lazyCheckpoints: true });
    return { h, done: h.run(task) };
  };

  it('a task that only reads takes no checkpoint and starts no git', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('It says one.'));
    const { h, done } = run('what is in a.txt?');
    assert.equal((await done).reason, 'answer');
    assert.deepEqual(ofType(h.events, 'checkpoint'), []);
    assert.deepEqual(await gitCalls(), []);
  });

  it('the one snapshot of each edit makes its checkpoints (the first also the turn start), no git before the edit, and restores exactly', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatToolCallStream([
        { id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } },
        { id: 'w', name: 'write_file', arguments: { path: 'src/new.ts', content: 'export {};\n' } },
      ]),
      chatStream('Done.'),
    );
    const { h, done } = run('edit');
    assert.equal((await done).reason, 'answer');
    const cps = ofType(h.events, 'checkpoint');
    assert.deepEqual(cps.map((c) => [c.reason, c.step, c.files]), [['turn start', undefined, 3], ['after edit_file', 2, 1], ['after write_file', 2, 1]]);
    assert.ok(cps.every((c) => c.id && !c.error));
    // One snapshot (2 processes) for the first edit and one for the second: no git before the edit.
    assert.ok((await gitCalls()).length <= 4, (await gitCalls()).join('\n'));
    await store.restore(cps[0].id!);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'one\n');
    await assert.rejects(fs.access(path.join(root, 'src/new.ts')));
    await store.restore(cps[1].id!);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'two\n');
    await assert.rejects(fs.access(path.join(root, 'src/new.ts')));
  });

  it('one edit starts at most 3 git processes for the whole task', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } }]), chatStream('Done.'));
    const { h, done } = run('edit');
    assert.equal((await done).reason, 'answer');
    assert.deepEqual(ofType(h.events, 'checkpoint').map((c) => c.reason), ['turn start', 'after edit_file']);
    assert.ok((await gitCalls()).length <= 3, (await gitCalls()).join('\n'));
  });

  it('takes the turn start before a command, so a command that wrote files restores exactly', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'echo made > made.txt; rm keep.txt; printf x >> src/b.ts; mkdir -p out && echo o > out/o.txt' } }]),
      chatStream('Done.'),
    );
    const { h, done } = run('build');
    assert.equal((await done).reason, 'answer');
    const cps = ofType(h.events, 'checkpoint');
    assert.deepEqual(cps.map((c) => c.reason), ['turn start', 'after run_command']);
    assert.notEqual(cps[0].id, cps[1].id);
    assert.equal(await fs.readFile(path.join(root, 'made.txt'), 'utf8'), 'made\n');
    await store.restore(cps[0].id!);
    assert.equal(await fs.readFile(path.join(root, 'keep.txt'), 'utf8'), 'keep\n');
    assert.equal(await fs.readFile(path.join(root, 'src/b.ts'), 'utf8'), 'export const b = 1;\n');
    await assert.rejects(fs.access(path.join(root, 'made.txt')));
    await assert.rejects(fs.access(path.join(root, 'out/o.txt')));
  });

  it('an edit through a symlink restores the real file it changed', async () => {
    await fs.mkdir(path.join(root, 'real'));
    await fs.writeFile(path.join(root, 'real/c.txt'), 'c1\n');
    await fs.symlink('real', path.join(root, 'via'));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'via/c.txt', old_string: 'c1', new_string: 'c2' } }]), chatStream('Done.'));
    const { h, done } = run('edit via the link');
    assert.equal((await done).reason, 'answer');
    assert.equal(await fs.readFile(path.join(root, 'real/c.txt'), 'utf8'), 'c2\n');
    const start = ofType(h.events, 'checkpoint')[0];
    assert.equal(start.reason, 'turn start');
    await store.restore(start.id!);
    assert.equal(await fs.readFile(path.join(root, 'real/c.txt'), 'utf8'), 'c1\n');
    assert.equal(await fs.readlink(path.join(root, 'via')), 'real');
  });

  it('the snapshot after an edit is written while the next request is out; the next edit and the turn\'s end wait for it', async () => {
    const log: string[] = [];
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    let takes = 0;
    // The first snapshot ends only once the next model request has arrived: awaited before that request, the turn would hang.
    const gated: typeof store = Object.assign(Object.create(store) as typeof store, {
      take: async (...args: Parameters<typeof store.take>) => {
        const k = ++takes;
        if (k === 1) await opened;
        const cp = await store.take(...args);
        log.push(`snapshot ${k}`);
        return cp;
      },
    });
    let requests = 0;
    server.on('request', () => {
      log.push(`request ${++requests}`);
      if (requests === 2) open();
    });
    const inner = new FileApplier(root);
    const applier = { apply: (c: Parameters<FileApplier['apply']>[0], sig: AbortSignal) => (log.push(`apply ${c.path}`), inner.apply(c, sig)) };
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } }]),
      chatToolCallStream([{ id: 'e2', name: 'edit_file', arguments: { path: 'src/b.ts', old_string: '1', new_string: '2' } }]),
      chatStream('Done.'),
    );
    const h = harness(server, root, { tools: builtinToolSet(), applier, checkpoints: gated, lazyCheckpoints: true });
    const result = await h.run('two edits');
    assert.equal(result.reason, 'answer');
    assert.deepEqual(log.slice(0, 5), ['request 1', 'apply a.txt', 'request 2', 'snapshot 1', 'apply src/b.ts']);
    assert.deepEqual(log.slice(5).sort(), ['request 3', 'snapshot 2'], 'the last snapshot and the last request overlap (either ends first)');
    // Every checkpoint is announced before the turn's end.
    const kinds = h.events.map((e) => e.type).filter((t) => t === 'checkpoint' || t === 'done');
    assert.deepEqual(kinds, ['checkpoint', 'checkpoint', 'checkpoint', 'done']);
    const cps = ofType(h.events, 'checkpoint');
    assert.deepEqual(cps.map((c) => c.reason), ['turn start', 'after edit_file', 'after edit_file']);
    await store.restore(cps[1].id!);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'two\n');
    assert.equal(await fs.readFile(path.join(root, 'src/b.ts'), 'utf8'), 'export const b = 1;\n');
    await store.restore(cps[0].id!);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'one\n');
  });

  it('a refused edit leaves the turn start owed and takes nothing', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } }]), chatStream('Left it.'));
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), checkpoints: store, lazyCheckpoints: true, approvalMode: 'suggest', approver: { request: async () => ({ approved: false }) } });
    await h.run('edit');
    assert.deepEqual(ofType(h.events, 'checkpoint'), []);
    assert.deepEqual(await gitCalls(), []);
  });
});
