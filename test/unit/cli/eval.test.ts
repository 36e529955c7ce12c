// `tandem eval` as the built CLI over examples/eval, against a scripted model: "good" solves every
// task, "half" only add-numbers, "bad" none. pass@k per model, shards that merge into the same
// numbers, the example workspaces left unchanged, and bad input refused with exit 2.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { builtCli, leftovers, runCli, tempHome } from './attemptsKit';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples/eval');

const FIXES: Record<string, { path: string; old_string: string; new_string: string }> = {
  'math.js': { path: 'math.js', old_string: 'a - b', new_string: 'a + b' },
  'greet.js': { path: 'greet.js', old_string: '`Hello, ${name}`', new_string: '`Hello, ${name}!`' },
  'words.js': { path: 'words.js', old_string: "throw new Error('not implemented');", new_string: "return text.trim().split(/\\s+/).reverse().join(' ');" },
};

function scriptEval(server: ModelServer): void {
  server.onRequest('/v1/chat/completions', (req: RecordedRequest): Reply => {
    const messages = req.body.messages as Array<{ role: string; content: string }>;
    if (messages.some((m) => m.role === 'tool')) return chatStream('done');
    const task = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const file = Object.keys(FIXES).find((f) => task.includes(f)) ?? 'words.js';
    const model = String(req.body.model);
    const solves = model === 'good' || (model === 'half' && file === 'math.js');
    const fix = solves ? FIXES[file] : { ...FIXES[file], new_string: FIXES[file].old_string + ' ' };
    return chatToolCallStream([{ id: `e-${model}`, name: 'edit_file', arguments: fix }]);
  });
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out[path.join(e.parentPath, e.name)] = await fs.readFile(path.join(e.parentPath, e.name), 'utf8');
  return out;
}

describe('tandem eval (built CLI)', function () {
  this.timeout(240_000);
  let server: ModelServer;
  let home: string;
  before(() => builtCli());
  beforeEach(async () => {
    server = await ModelServer.start();
    scriptEval(server);
    home = await tempHome('tandem-eval-test-');
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  const evalCli = (args: string[]) => runCli(['eval', '--base-url', server.url, '--approval', 'full-auto', ...args], home);

  it('reports pass@1 … pass@K per model over the example tasks and leaves them unchanged', async () => {
    const before = await snapshot(EXAMPLES);
    const r = await evalCli(['--models', 'good,half,bad', '--attempts', '2', '--json', EXAMPLES]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.deepEqual(result.models, {
      good: { tasks: 3, passAtK: { '1': 1, '2': 1 } },
      half: { tasks: 3, passAtK: { '1': 0.333333, '2': 0.333333 } },
      bad: { tasks: 3, passAtK: { '1': 0, '2': 0 } },
    });
    assert.equal(result.tasks.length, 9);
    assert.deepEqual(result.tasks.find((t: { task: string; model: string }) => t.task === 'add-numbers' && t.model === 'half'), { task: 'add-numbers', model: 'half', n: 2, c: 2 });
    assert.deepEqual(await snapshot(EXAMPLES), before);
    assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
  });

  it('runs shards that merge into the numbers of one run, as a table or JSON', async () => {
    const a = await evalCli(['--models', 'good,half', '--shard', '1/2', '--output', path.join(home, 'a.json'), EXAMPLES]);
    const b = await evalCli(['--models', 'good,half', '--shard', '2/2', '--output', path.join(home, 'b.json'), EXAMPLES]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.match(a.stderr, /Shard 1\/2: 2 of 3 task/);
    assert.match(b.stderr, /Shard 2\/2: 1 of 3 task/);
    assert.match(a.stdout, /^model\s+tasks\s+pass@1\n/);
    const merged = await runCli(['eval', 'merge', '--json', path.join(home, 'a.json'), path.join(home, 'b.json')], home);
    assert.equal(merged.code, 0, merged.stderr);
    assert.deepEqual(JSON.parse(merged.stdout).models, { good: { tasks: 3, passAtK: { '1': 1 } }, half: { tasks: 3, passAtK: { '1': 0.333333 } } });
    const table = await runCli(['eval', 'merge', path.join(home, 'a.json'), path.join(home, 'b.json')], home);
    assert.match(table.stdout, /good\s+3\s+1\.000\nhalf\s+3\s+0\.333/);
    const twice = await runCli(['eval', 'merge', path.join(home, 'a.json'), path.join(home, 'a.json')], home);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /is in both .*same --shard/);
  });

  it('suggest (the default) and auto-edit without a terminal: no attempt starts (exit 4), the message names --approval full-auto', async () => {
    // Each task's test command and every command of an attempt are asked, as in exec --attempts.
    for (const mode of [[], ['--approval', 'auto-edit']]) {
      const r = await runCli(['eval', '--base-url', server.url, ...mode, '--model', 'good', EXAMPLES], home);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, new RegExp(`tandem eval with --approval ${mode.length ? 'auto-edit' : 'suggest'} asks before each command an attempt runs \\(and before the test command "[^"]+"\\), but no terminal is attached to answer, so no attempt was started\\. .*pass --approval full-auto`));
      assert.equal(r.stdout, '');
    }
    assert.equal(server.requests.length, 0, 'no attempt reached the model');
  });

  it('refuses bad input with a clear error and exit 2', async () => {
    await fs.mkdir(path.join(home, 'tasks', 'broken'), { recursive: true });
    await fs.writeFile(path.join(home, 'tasks', 'broken', 'task.json'), '{"task": "x"}');
    await fs.writeFile(path.join(home, 'k3.json'), JSON.stringify({ type: 'eval', attempts: 3, shard: '1/1', tasks: [], models: {} }));
    await fs.writeFile(path.join(home, 'k1.json'), JSON.stringify({ type: 'eval', attempts: 1, shard: '1/1', tasks: [], models: {} }));
    const cases: Array<[string[], RegExp]> = [
      [['eval', '--model', 'm', '--shard', '3/2', EXAMPLES], /--shard must be I\/N with 1 ≤ I ≤ N/],
      [['eval', '--model', 'm', '--shard', '0/2', EXAMPLES], /--shard must be I\/N/],
      [['eval', '--model', 'm', '--attempts', '0', EXAMPLES], /--attempts must be a whole number of at least 1/],
      [['eval', '--models', 'a,,b', EXAMPLES], /entry without a model name/],
      [['eval', '--model', 'm', '--approval', 'yolo', EXAMPLES], /--approval must be one of suggest, auto-edit, full-auto; got "yolo"/],
      [['eval', '--model', 'm', path.join(home, 'nope')], /is not a folder that exists/],
      [['eval', '--model', 'm', path.join(home, 'tasks')], /broken[/\\]task\.json: testCommand .*Expected \{"task"/],
      [['eval', 'merge'], /needs the result files/],
      [['eval', 'merge', path.join(home, 'k3.json'), path.join(home, 'k1.json')], /was run with --attempts 1, the others with 3/],
      [['eval', 'merge', path.join(REPO, 'package.json')], /is not a tandem eval result/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, home);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
  });
});
