// `tandem exec --attempts` as the built CLI in a child process, against a scripted model whose
// attempts make different edits (only one passes check.js): the workspace ends with the passing
// edit, the counts and pass@k are right, the user's git state is untouched, nothing is left in the
// temp folder, Ctrl-C cleans up, and bad options get a clear error with exit 2.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { builtCli, calcWorkspace, gitState, leftovers, runCli, scriptModels, tempHome } from './attemptsKit';

describe('tandem exec --attempts (built CLI)', function () {
  this.timeout(120_000);
  let server: ModelServer;
  let home: string;
  let root: string;
  before(() => builtCli());
  beforeEach(async () => {
    server = await ModelServer.start();
    scriptModels(server);
    home = await tempHome('tandem-attempts-test-');
    root = await calcWorkspace(home);
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  const exec = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['exec', '--base-url', server.url, '--model', 'good', '--cwd', root, '--test-command', 'node check.js', ...args, 'make calc add'], home, env);
  const events = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON events

  it('keeps the one passing attempt, reports every attempt and pass@k, and leaves git and the temp folder as they were', async () => {
    const before = gitState(root);
    const r = await exec(['--attempts', '3', '--parallel', '2', '--models', 'bad,good,worse', '--approval', 'full-auto', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await fs.readFile(path.join(root, 'calc.js'), 'utf8'), 'module.exports = (a, b) => a + b;\n');
    const out = events(r.stdout);
    const attempts = out.filter((e) => e.type === 'attempt');
    assert.deepEqual(attempts.map((a) => [a.index, a.model, a.tests.passed, a.tests.failing, a.filesChanged, a.files]), [
      [1, 'bad', false, 1, 1, ['calc.js']],
      [2, 'good', true, 0, 1, ['calc.js']],
      [3, 'worse', false, 1, 1, ['calc.js']],
    ]);
    assert.deepEqual(out.at(-1), { type: 'attempts', total: 3, passed: 1, chosen: 2, applied: true, passAtK: { '1': 0.333333, '2': 0.666667, '3': 1 } });
    assert.equal(out.indexOf(out.at(-1)!), out.length - 1);
    // Every attempt's copy held the uncommitted a - b (its edit of that text succeeded), not build/.
    assert.equal(server.requestsTo('/v1/chat/completions').length, 6);
    assert.deepEqual(gitState(root), before, 'status, stash, branches, worktrees, HEAD and index unchanged');
    assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
    const ledger = await fs.readFile(path.join(root, '.tandem', 'ai-changes.jsonl'), 'utf8');
    assert.match(ledger, /best of 3: attempt 2, model good, tests passed \(node check\.js\)/);
    assert.match(ledger, /"model":"good"/);
  });

  it('prints the table and pass@k in text mode', async () => {
    const r = await exec(['--attempts', '2', '--models', 'good,bad', '--approval', 'full-auto']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /→\s+1\s+good\s+passed\s+1\s+\+1 -1/);
    assert.match(r.stdout, /\s2\s+bad\s+failed \(1\)\s+1/);
    assert.match(r.stdout, /1 of 2 attempts passed the tests\. pass@1 0\.500 {2}pass@2 1\.000/);
    assert.match(r.stderr, /\[attempt 1\] ▸ edit_file calc\.js/);
  });

  // Changed deliberately (issue 22): the attempts used to run full-auto whatever --approval said.
  for (const mode of [[], ['--approval', 'suggest'], ['--approval', 'auto-edit']]) {
    it(`without a terminal in ${mode[1] ?? 'suggest (default)'} mode starts no attempt, naming the flag (exit 4)`, async () => {
      const r = await exec(['--attempts', '2', '--models', 'bad,good', ...mode]);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, new RegExp(`error: --attempts with --approval ${mode[1] ?? 'suggest'} asks before each command an attempt runs \\(and before the test command "node check\\.js"\\), but no terminal is attached .* pass --approval full-auto`));
      assert.equal(server.requests.length, 0, 'no model was asked');
      assert.equal(await fs.readFile(path.join(root, 'calc.js'), 'utf8'), 'module.exports = (a, b) => a - b;\n');
      assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
    });
  }

  it('applies nothing and exits 1 when no attempt passes', async () => {
    const r = await exec(['--attempts', '2', '--models', 'bad,worse', '--approval', 'full-auto', '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(await fs.readFile(path.join(root, 'calc.js'), 'utf8'), 'module.exports = (a, b) => a - b;\n');
    assert.deepEqual(events(r.stdout).at(-1), { type: 'attempts', total: 2, passed: 0, chosen: null, applied: false, passAtK: { '1': 0, '2': 0 } });
    assert.match(r.stderr, /No attempt passed the tests/);
  });

  it('Ctrl-C mid-run stops every attempt, removes every copy and leaves the workspace as it was (exit 130)', async () => {
    const before = gitState(root);
    const r = await runCli(['exec', '--base-url', server.url, '--model', 'hang', '--cwd', root, '--test-command', 'node check.js', '--attempts', '3', '--parallel', '2', '--approval', 'full-auto', 'x'], home, {}, (child) => {
      void server.waitForRequests(2).then(() => child.kill('SIGINT'));
    });
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /Cancelled: no attempt was kept/);
    assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
    assert.deepEqual(gitState(root), before);
    assert.equal(server.requests.length, 2, 'the third attempt never started');
  });

  it('a second Ctrl-C exits at once and still leaves no copy behind', async () => {
    const r = await runCli(['exec', '--base-url', server.url, '--model', 'hang', '--cwd', root, '--test-command', 'node check.js', '--attempts', '2', '--approval', 'full-auto', 'x'], home, {}, (child) => {
      void server.waitForRequests(2).then(() => {
        child.kill('SIGINT');
        child.stderr?.on('data', (b: Buffer) => {
          if (/Cancelling/.test(String(b))) child.kill('SIGINT');
        });
      });
    });
    assert.equal(r.code, 130, r.stderr);
    assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
  });

  it('needs a test command: a clear error and exit 2 when none is given or detected', async () => {
    const r = await runCli(['exec', '--base-url', server.url, '--model', 'good', '--cwd', root, '--attempts', '2', 'x'], home);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs a test command.*Pass --test-command CMD/s);
    assert.equal(server.requests.length, 0);
  });

  const BAD: Array<[string[], RegExp]> = [
    [['--attempts', '0'], /--attempts must be a whole number of at least 1; got "0"/],
    [['--attempts', '2.5'], /--attempts must be a whole number/],
    [['--attempts', '-1'], /--attempts needs a value|--attempts must be/],
    [['--attempts', '2', '--parallel', '0'], /--parallel must be a whole number of at least 1; got "0"/],
    [['--models', ''], /--models needs a value/],
    [['--models', 'a,,b'], /--models has an entry without a model name/],
    [['--models', '@http://localhost:1/v1'], /--models has an entry without a model name/],
    [['--models', 'a@localhost:11434'], /the part after @ must be an http\(s\) URL.*got "localhost:11434"/],
    [['--models', 'a@ftp://x/v1'], /the part after @ must be an http\(s\) URL/],
    [['--models', 'a@'], /the part after @ must be an http\(s\) URL/],
    [['--parallel', '2'], /--parallel applies to several attempts; add --attempts K/],
    [['--attempts', '2', '--test-timeout', '0'], /--test-timeout must be a number of seconds above 0/],
  ];
  for (const [args, message] of BAD) {
    it(`refuses ${JSON.stringify(args.join(' '))} with exit 2`, async () => {
      const r = await runCli(['exec', '--model', 'm', ...args, 'task'], home);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }
});
