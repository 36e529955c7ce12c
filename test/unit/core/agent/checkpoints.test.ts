// The loop takes checkpoints with the real store, real tools and a real temp workspace: at the
// start of each turn and after each call of a mutating tool; refused calls take none; a store that
// fails is said once and never ends the turn; the turn-start checkpoint rewinds the whole run.
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

describe('agent checkpoints', () => {
  let server: ModelServer;
  let root: string;
  let storage: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'one\n', 'keep.txt': 'keep\n' });
    storage = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cp-agent-'));
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(storage, { recursive: true, force: true });
  });

  it('takes one at the turn start and one after each edit and command, labelled with the task and step', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } }]),
      chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'echo made > made.txt; rm keep.txt' } }]),
      chatStream('Done.'),
    );
    const store = new CheckpointStore(storage, root);
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), checkpoints: store, taskId: () => 'T7' });
    const r = await h.run('change things');
    assert.equal(r.reason, 'answer');
    const cps = ofType(h.events, 'checkpoint');
    assert.deepEqual(
      cps.map((c) => [c.reason, c.step, c.files]),
      [
        ['turn start', undefined, 2],
        ['after edit_file', 2, 1],
        ['after run_command', 3, 2],
      ],
    );
    const list = await store.list();
    assert.equal(list.length, 3);
    assert.deepEqual([list[0].task, list[0].taskId], ['change things', 'T7']);

    await store.restore(cps[0].id!);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'one\n');
    assert.equal(await fs.readFile(path.join(root, 'keep.txt'), 'utf8'), 'keep\n');
    await assert.rejects(fs.access(path.join(root, 'made.txt')));
  });

  it('takes none after a refused edit', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'one', new_string: 'two' } }]), chatStream('Left it.'));
    const store = new CheckpointStore(storage, root);
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), checkpoints: store, approvalMode: 'suggest', approver: { request: async () => ({ approved: false }) } });
    await h.run('edit');
    assert.deepEqual(ofType(h.events, 'checkpoint').map((c) => c.reason), ['turn start']);
  });

  it('a failing store is reported once per turn and the turn still finishes', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'c1', name: 'run_command', arguments: { command: 'true' } }]),
      chatToolCallStream([{ id: 'c2', name: 'run_command', arguments: { command: 'true' } }]),
      chatStream('Done.'),
    );
    const broken = { take: async () => Promise.reject(new Error('disk full')) };
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), checkpoints: broken });
    const r = await h.run('go');
    assert.equal(r.reason, 'answer');
    const cps = ofType(h.events, 'checkpoint');
    assert.equal(cps.length, 1);
    assert.match(cps[0].error ?? '', /No checkpoint could be taken.*disk full/);
  });
});
