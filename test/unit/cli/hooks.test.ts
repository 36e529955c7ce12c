// Hooks and text tool calls from `tandem exec` (the CLI as a child process, the scripted model server
// over HTTP): the workspace's hooks run only after --enable-hooks and again only after it is given
// for the changed file; a broken hooks file is reported once with its path; hook runs are shown on
// stderr; --tool-calling text never sends tools, and auto switches with a note.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { tempWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';

describe('tandem exec with hooks and text tool calls', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  let config: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    config = await fs.mkdtemp(path.join(root, '..', 'xdg-'));
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(config, { recursive: true, force: true });
  });
  const exec = (args: string[]) =>
    runTandem(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, '--approval', 'full-auto', '--sandbox', 'off', '--no-mcp', ...args], { XDG_CONFIG_HOME: config });
  const writeHooks = async (file: string, hooks: unknown) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, typeof hooks === 'string' ? hooks : JSON.stringify({ hooks }));
  };
  const blockWrites = (marker: string) => ({ PreToolUse: [{ matcher: 'write_file', hooks: [{ type: 'command', command: `echo "${marker}" >&2; exit 2` }] }] });
  const wsHooks = () => path.join(root, '.tandem', 'hooks.json');

  it('runs the user hooks, shows them on stderr, and gives the block reason to the model', async () => {
    await writeHooks(path.join(config, 'tandem', 'hooks.json'), blockWrites('user hook says no'));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]), chatStream('Blocked.'));
    const r = await exec(['write b']);
    assert.match(r.stderr, /⚙ PreToolUse hook \(write_file\) blocked: echo "user hook says no"[^\n]*\n\s+user hook says no/);
    await assert.rejects(fs.stat(path.join(root, 'b.txt')));
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /user hook says no/);
  });

  it('runs the workspace hooks only after --enable-hooks, remembers it, and stops after the file changes', async () => {
    await writeHooks(wsHooks(), blockWrites('workspace hook says no'));
    const write = () => chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]);
    // Not enabled: the write goes through and stderr says how to enable.
    server.enqueue(CHAT, write(), chatStream('ok'));
    let r = await exec(['write b']);
    assert.match(r.stderr, /\.tandem\/hooks\.json did not run\. Read it, then pass --enable-hooks/);
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'x');
    await fs.rm(path.join(root, 'b.txt'));
    // Enabled: it blocks, and the next run remembers.
    server.enqueue(CHAT, write(), chatStream('ok'), write(), chatStream('ok'));
    r = await exec(['--enable-hooks', 'write b']);
    assert.match(r.stderr, /is enabled as it is now/);
    await assert.rejects(fs.stat(path.join(root, 'b.txt')));
    r = await exec(['write b']);
    assert.match(r.stderr, /workspace hook says no/);
    await assert.rejects(fs.stat(path.join(root, 'b.txt')));
    // Changed: not run until enabled again.
    await writeHooks(wsHooks(), blockWrites('changed hook'));
    server.enqueue(CHAT, write(), chatStream('ok'));
    r = await exec(['write b']);
    assert.match(r.stderr, /changed since you enabled it, so it did not run/);
    assert.doesNotMatch(r.stderr, /changed hook/);
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'x');
  });

  it('reports a hooks file that does not parse once, with its path, and runs the task', async () => {
    await writeHooks(path.join(config, 'tandem', 'hooks.json'), '{"hooks": {"PreToolUse": [}');
    server.enqueue(CHAT, chatStream('fine'));
    const r = await exec(['hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split(path.join(config, 'tandem', 'hooks.json')).length - 1, 1, r.stderr);
    assert.match(r.stderr, /^hooks: .*hooks\.json is not valid JSON .*; none of its hooks run until it is fixed\.$/m);
    assert.match(r.stdout, /fine/);
  });

  it('--no-hooks runs none', async () => {
    await writeHooks(path.join(config, 'tandem', 'hooks.json'), blockWrites('nope'));
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]), chatStream('ok'));
    const r = await exec(['--no-hooks', 'write b']);
    assert.doesNotMatch(r.stderr, /hook/);
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'x');
  });

  it('--tool-calling text sends no tools and runs the <tool_call> the model writes', async () => {
    server.enqueue(CHAT, chatStream('Reading.\n<tool_call>{"name": "read_file", "arguments": {"path": "a.txt"}}</tool_call>'), chatStream('It says alpha.'));
    const r = await exec(['--tool-calling', 'text', 'read a']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Reading.\nIt says alpha.\n');
    assert.match(r.stderr, /▸ read_file a\.txt/);
    for (const req of server.requestsTo(CHAT)) assert.equal(req.body.tools, undefined);
  });

  it('auto switches to text when the server refuses tools, with one note on stderr', async () => {
    server.refuseTools();
    server.enqueue(CHAT, chatStream('Hello without tools.'));
    const r = await exec(['hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^note: The server at .* does not take tools for the model test-model \(it said: "(400 )?registry\.ollama\.ai\/library\/test-model:latest does not support tools"\)/m);
    assert.match(r.stdout, /Hello without tools\./);
  });

  it('refuses a --tool-calling value it does not know', async () => {
    const r = await exec(['--tool-calling', 'xml', 'hi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--tool-calling must be auto, native or text; got "xml"/);
  });
});
