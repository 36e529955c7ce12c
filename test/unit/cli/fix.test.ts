// `tandem fix` as the built CLI over three of examples/fix's JavaScript cases, against a scripted
// model whose patch depends on its name (or, for "cycle", on the attempt): verified patches are
// applied and logged; a patch that leaves the finding, one that breaks the tests and one that
// touches another file are refused and reported, never applied; --attempts keeps the best verified
// one; the table and the --json last line; exit codes 0 / 1 / 4; --shard splits the files; no
// findings and bad options.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream, type ScriptedToolCall } from '../../fixtures/replies';
import { builtCli, leftovers, runCli, tempHome } from './attemptsKit';

const EXAMPLES = path.resolve(__dirname, '../../../examples/fix');
const CASES = ['js-sql-injection', 'js-command-injection', 'js-dynamic-eval'];
const TESTS = CASES.map((c) => `node ${c}/test.js`).join(' && ');

type Edit = { path: string; old_string: string; new_string: string };
const SQL_OLD = `db.query("SELECT id, name FROM users WHERE name = '" + name + "'")`;
const GOOD: Record<string, Edit[]> = {
  'js-sql-injection/users.js': [{ path: 'js-sql-injection/users.js', old_string: SQL_OLD, new_string: "db.query('SELECT id, name FROM users WHERE name = ?', [name])" }],
  'js-command-injection/list.js': [{ path: 'js-command-injection/list.js', old_string: "execSync('ls ' + dir)", new_string: "require('child_process').execFileSync('ls', [dir])" }],
  'js-dynamic-eval/settings.js': [{ path: 'js-dynamic-eval/settings.js', old_string: "eval('(' + input + ')')", new_string: 'JSON.parse(input)' }],
};
/** Patches of users.js that must be refused: the finding stays, the tests break, another file is touched. */
const BAD: Record<string, Edit[]> = {
  leaves: [{ path: 'js-sql-injection/users.js', old_string: SQL_OLD, new_string: `db.query("SELECT id, name FROM users WHERE name = '" + String(name) + "'")` }],
  breaks: [{ path: 'js-sql-injection/users.js', old_string: SQL_OLD, new_string: "db.query('SELECT id, name FROM users')" }],
  outside: [GOOD['js-sql-injection/users.js'][0], { path: 'js-sql-injection/test.js', old_string: "console.log('ok');", new_string: "console.log('ok!');" }],
};

function scriptFix(server: ModelServer): void {
  let cycle = 0;
  server.onRequest('/v1/chat/completions', (req: RecordedRequest): Reply => {
    const messages = req.body.messages as Array<{ role: string; content: string }>;
    if (messages.some((m) => m.role === 'tool')) return chatStream('Fixed.');
    const task = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const file = Object.keys(GOOD).find((f) => task.includes(`in ${f}:`))!;
    let model = String(req.body.model);
    if (model === 'cycle') model = ['breaks', 'good', 'leaves'][cycle++ % 3];
    const edits = model === 'good' || !file.startsWith('js-sql') ? GOOD[file] : BAD[model];
    return chatToolCallStream(edits.map((e, i): ScriptedToolCall => ({ id: `c${i}`, name: 'edit_file', arguments: e })));
  });
}

describe('tandem fix (built CLI)', function () {
  this.timeout(240_000);
  let server: ModelServer;
  let home: string;
  let root: string;
  before(() => builtCli());
  beforeEach(async () => {
    server = await ModelServer.start();
    scriptFix(server);
    home = await tempHome('tandem-fix-test-');
    root = path.join(home, 'ws');
    for (const c of CASES) await fs.cp(path.join(EXAMPLES, c), path.join(root, c), { recursive: true });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  const fix = (model: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => runCli(['fix', '--base-url', server.url, '--model', model, '--cwd', root, '--test-command', TESTS, ...args], home, env);
  const lastLine = (stdout: string) => JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as { type: string; findings: number; fixed: number; failed: Array<{ path: string; ruleId: string; why: string }> };
  const read = (rel: string) => fs.readFile(path.join(root, rel), 'utf8');

  it('patches every finding with verified patches, through the approval and the AI change log (exit 0)', async () => {
    const r = await fix('good', ['--approval', 'full-auto', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lastLine(r.stdout), { type: 'fix', findings: 3, fixed: 3, failed: [] });
    assert.match(await read('js-sql-injection/users.js'), /WHERE name = \?', \[name\]\)/);
    assert.match(await read('js-dynamic-eval/settings.js'), /return JSON\.parse\(input\);/);
    const ledger = await fs.readFile(path.join(root, '.tandem', 'ai-changes.jsonl'), 'utf8');
    assert.equal(ledger.trim().split('\n').length, 3);
    assert.match(ledger, /tandem fix js-sql-injection\/users\.js: sql-injection@3 \[attempt 1, model good, verified\]/);
    assert.match(r.stderr, /3 finding\(s\) in 3 file\(s\); 1 attempt\(s\) per file; verifying with the guard and node js-sql/);
    assert.deepEqual(await leftovers(path.join(home, 'tmp')), []);
  });

  for (const [model, why] of [
    ['leaves', /the finding is still there after the patch/],
    ['breaks', /the tests fail after the patch/],
    ['outside', /touches files outside js-sql-injection\/users\.js: js-sql-injection\/test\.js \(refused\)/],
  ] as const) {
    it(`refuses and reports a patch that ${model === 'leaves' ? 'leaves the finding' : model === 'breaks' ? 'breaks the tests' : 'touches another file'} (exit 1), applying the others`, async () => {
      const before = await read('js-sql-injection/users.js');
      const testBefore = await read('js-sql-injection/test.js');
      const r = await fix(model, ['--approval', 'full-auto', '--json']);
      assert.equal(r.code, 1, r.stderr);
      const last = lastLine(r.stdout);
      assert.deepEqual([last.findings, last.fixed], [3, 2]);
      assert.equal(last.failed.length, 1);
      assert.equal(last.failed[0].path, 'js-sql-injection/users.js');
      assert.match(last.failed[0].why, why);
      assert.equal(await read('js-sql-injection/users.js'), before, 'an unverified patch is never applied');
      assert.equal(await read('js-sql-injection/test.js'), testBefore);
      assert.doesNotMatch(await read('js-dynamic-eval/settings.js'), /eval\(/);
    });
  }

  it('--attempts keeps the best verified attempt and says why the others were not', async () => {
    const r = await fix('cycle', ['--approval', 'full-auto', '--attempts', '3', '--parallel', '1', 'js-sql-injection']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[js-sql-injection\/users\.js attempt 1\] not verified: the tests fail/);
    assert.match(r.stderr, /\[js-sql-injection\/users\.js attempt 2\] verified: fixes 1 of 1/);
    assert.match(r.stderr, /\[js-sql-injection\/users\.js attempt 3\] not verified: the finding is still there/);
    assert.match(await read('js-sql-injection/users.js'), /WHERE name = \?'/);
    assert.match(r.stdout, /js-sql-injection\/users\.js:3\s+sql-injection\s+high\s+fixed\n\n1 of 1 finding\(s\) fixed\./);
  });

  it('prints a table of findings → fixed / not fixed (why)', async () => {
    const r = await fix('leaves', ['--approval', 'full-auto']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^finding\s+rule\s+severity\s+result\n/);
    assert.match(r.stdout, /js-sql-injection\/users\.js:3\s+sql-injection\s+high\s+not fixed \(the finding is still there after the patch\)/);
    assert.match(r.stdout, /2 of 3 finding\(s\) fixed\./);
  });

  it('suggest and auto-edit without a terminal: no attempt starts (exit 4), the message names --approval full-auto, nothing changes', async () => {
    // The attempts' commands and the test command are asked as in exec --attempts; nobody can answer here.
    const before = await read('js-dynamic-eval/settings.js');
    for (const mode of [[], ['--approval', 'auto-edit']]) {
      const r = await fix('good', [...mode, '--json', 'js-dynamic-eval']);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, new RegExp(`tandem fix with --approval ${mode.length ? 'auto-edit' : 'suggest'} asks before each command an attempt runs \\(and before the test command "${TESTS}"\\), but no terminal is attached`));
      assert.match(r.stderr, /pass --approval full-auto/);
      assert.equal(await read('js-dynamic-eval/settings.js'), before);
    }
    assert.equal(server.requests.length, 0, 'no attempt reached the model');
  });

  it('--shard I/N splits the files deterministically and disjointly (each CI job on its own checkout)', async () => {
    const pristine = path.join(home, 'pristine');
    await fs.cp(root, pristine, { recursive: true });
    const runs = [];
    for (const shard of ['1/2', '2/2']) {
      await fs.rm(root, { recursive: true, force: true });
      await fs.cp(pristine, root, { recursive: true });
      // Each job on its own machine too: a shared config dir's head record would (rightly, since the log
      // fails closed) refuse to record on the fresh checkout's missing log.
      runs.push(await fix('good', ['--approval', 'full-auto', '--json', '--shard', shard], { XDG_CONFIG_HOME: path.join(home, `config-${shard.replace('/', '-')}`) }));
    }
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const paths = runs.map((r) => r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l).path as string));
    assert.deepEqual(paths, [['js-command-injection/list.js', 'js-sql-injection/users.js'], ['js-dynamic-eval/settings.js']]);
  });

  it('says so and exits 0 when there is nothing to fix; refuses bad options with exit 2', async () => {
    const clean = await fix('good', ['--json', '--rules', 'weak-hash']);
    assert.equal(clean.code, 0);
    assert.match(clean.stderr, /No findings of weak-hash: nothing to fix\./);
    assert.deepEqual(lastLine(clean.stdout), { type: 'fix', findings: 0, fixed: 0, failed: [] });
    assert.equal(server.requests.length, 0);
    for (const [args, msg] of [
      [['--rules', 'no-such-rule'], /--rules names no rule: no-such-rule/],
      [['--shard', '3/2'], /--shard must be I\/N/],
      [['--attempts', '0'], /--attempts must be a whole number/],
      [['--approval', 'yolo'], /--approval must be one of/],
      [['missing-folder'], /The path "missing-folder" does not exist/],
    ] as const) {
      const r = await fix('good', [...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, msg);
    }
  });
});
