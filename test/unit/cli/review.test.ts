// `tandem review` in-process over a real git repository, with the reviewer a scripted model: the
// working tree against HEAD and --base/--head refs; the guard's and the model's findings in text,
// JSON, SARIF (model rule ids, properties.source "model") and Markdown (grouped by file, line and
// suggestion, model text escaped); --fail-on; a reviewer that answers invalid JSON twice fails the
// review (the guard's findings still stand, never "no issues"); bad refs and no changes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runReview } from '../../../src/cli/review';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';

const SAFE = "function findUser(db, name) {\n  return db.query('SELECT * FROM users WHERE name = ?', [name]);\n}\nmodule.exports = { findUser };\n";
const VULN = "function findUser(db, name) {\n  return db.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");\n}\nmodule.exports = { findUser };\n";
const NOTES = "function isAdmin(user) {\n  return user.role = 'admin';\n}\nmodule.exports = { isAdmin };\n";

function git(root: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const modelFinding = { path: 'admin.js', line: 2, severity: 'high', cwe: 'CWE-481', title: 'Assignment instead of comparison <img src=x onerror=alert(1)>', rationale: 'Every user becomes admin; ask @octocat.', suggestion: "Use === 'admin'." };

describe('tandem review', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  let reviewerAnswers: (req: RecordedRequest) => Reply;
  beforeEach(async () => {
    server = await ModelServer.start();
    reviewerAnswers = (req) => {
      const user = (req.body.messages as Array<{ content: string }>)[1].content;
      return chatStream(JSON.stringify({ findings: user.includes('File admin.js') ? [modelFinding] : [] }), { usage: { prompt_tokens: 500, completion_tokens: 50 } });
    };
    server.onRequest('/v1/chat/completions', (req) => reviewerAnswers(req));
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-review-test-')));
    git(root, 'init', '-q', '-b', 'main');
    await fs.writeFile(path.join(root, 'users.js'), SAFE);
    await fs.writeFile(path.join(root, 'README.md'), 'hi\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let stdout = '';
    let stderr = '';
    const out = new PassThrough().on('data', (b) => (stdout += b));
    const err = new PassThrough().on('data', (b) => (stderr += b));
    const code = await runReview(['--base-url', server.url, '--model', 'rev', ...args], { stdout: out, stderr: err, stdin: new PassThrough(), env, interactive: false, cwd: root });
    return { code, stdout, stderr };
  };
  const dirty = async () => {
    await fs.writeFile(path.join(root, 'users.js'), VULN);
    await fs.writeFile(path.join(root, 'admin.js'), NOTES); // untracked
  };

  it('reviews the working tree against HEAD with the guard and the model (text), failing on high', async () => {
    await dirty();
    const r = await run([]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /users\.js:2: \[high\] \[guard\] sql-injection \(CWE-89\)/);
    assert.match(r.stdout, /admin\.js:2: \[high\] \[model\] tandem-review\/cwe-481 \(CWE-481\) Assignment instead of comparison/);
    assert.match(r.stdout, /Reviewer rev: reviewed 2 file\(s\) in \d+\.\d s, 1100 tokens\./);
    assert.match(r.stdout, /2 finding\(s\) \(1 from the guard, 1 from the model\) in 2 changed file\(s\)/);
    assert.equal(server.requestsTo('/v1/chat/completions').length, 2);
    assert.equal((await run(['--fail-on', 'none'])).code, 0);
  });

  it('SARIF: the model\'s findings under their own rule ids with properties.source "model"', async () => {
    await dirty();
    const r = await run(['--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties: { source: string } }>;
    assert.deepEqual(results.map((x) => [x.ruleId, x.properties.source]).sort(), [['sql-injection', 'guard'], ['tandem-review/cwe-481', 'model']]);
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'tandem-review/cwe-481');
    assert.equal(rule.properties.source, 'model');
    assert.ok(rule.properties.tags.includes('external/cwe/cwe-481'));
  });

  it('Markdown for a PR comment: grouped by file, with the line and the suggestion, model text escaped', async () => {
    await dirty();
    const r = await run(['--format', 'markdown', '--sarif', 'out.sarif']);
    assert.equal(JSON.parse(await fs.readFile(path.join(root, 'out.sarif'), 'utf8')).runs[0].results.length, 2, 'one run, two reports');
    assert.equal(server.requestsTo('/v1/chat/completions').length, 2);
    assert.match(r.stdout, /^## Tandem review\n/);
    assert.match(r.stdout, /### `admin\.js`\n\n- \*\*line 2\*\* · 🔴 high · model reviewer · `tandem-review\/cwe-481` \(CWE-481\): Assignment instead of comparison &lt;img src=x onerror=alert\(1\)&gt; — Every user becomes admin; ask @\u200boctocat\.\n {2}- Suggestion: Use === 'admin'\./);
    assert.match(r.stdout, /### `users\.js`\n\n- \*\*line 2\*\* · 🔴 high · guard · `sql-injection`/);
    assert.doesNotMatch(r.stdout, /<img/);
  });

  it('JSON: the findings with their source, and the reviewer\'s status, time and tokens', async () => {
    await dirty();
    const j = JSON.parse((await run(['--format', 'json'])).stdout);
    assert.equal(j.type, 'review');
    assert.deepEqual(j.findings.map((f: { source: string; path: string }) => [f.source, f.path]), [['model', 'admin.js'], ['guard', 'users.js']]);
    assert.equal(j.reviewer.status, 'ok');
    assert.equal(j.reviewer.inputTokens, 1000);
  });

  it('reviews --base REF against --head REF (the merge base), ignoring the working tree', async () => {
    git(root, 'checkout', '-q', '-b', 'feature');
    await fs.writeFile(path.join(root, 'users.js'), VULN);
    git(root, 'commit', '-q', '-am', 'vuln');
    await fs.writeFile(path.join(root, 'admin.js'), NOTES); // untracked: not part of --head
    const r = await run(['--base', 'main', '--head', 'feature', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.findings.map((f: { ruleId: string }) => f.ruleId), ['sql-injection']);
    assert.equal(j.base, git(root, 'rev-parse', 'main').trim());
    assert.equal(server.requestsTo('/v1/chat/completions').length, 1);
  });

  it('a reviewer that answers invalid JSON twice fails the review; the guard\'s findings still stand', async () => {
    reviewerAnswers = () => chatStream('LGTM, no issues!');
    await dirty();
    for (const format of ['text', 'markdown', 'json']) {
      const r = await run(['--format', format, '--fail-on', 'none']);
      assert.equal(r.code, 1, format);
      assert.match(r.stdout, /sql-injection/);
      assert.doesNotMatch(r.stdout, /No findings/);
      assert.match(r.stdout + r.stderr, /reviewer \(rev\) failed: it answered twice outside the review schema/);
    }
    const sarif = JSON.parse((await run(['--format', 'sarif'])).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });

  it('says when there is nothing to review (exit 0), and refuses a bad ref or folder with exit 2', async () => {
    const r = await run([]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /No changes to review/);
    assert.match(r.stdout, /No findings in 0 changed file/);
    const bad = await run(['--base', 'no-such-branch']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--base no-such-branch is not a commit in this repository/);
    assert.equal((await run(['--base', '--upload-pack=evil'])).code, 2);
    assert.equal((await run(['--format', 'html'])).code, 2);
    const env = await run([], { GITHUB_BASE_REF: 'main' });
    assert.equal(env.code, 2, 'in CI the default base is origin/<base branch>');
    assert.match(env.stderr, /origin\/main is not a commit.*fetch-depth: 0/);
  });
});
