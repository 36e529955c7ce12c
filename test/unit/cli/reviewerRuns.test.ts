// The model reviewer and the hooks beyond a plain `tandem exec` task: --review-model in exec (a high
// finding makes full-auto ask, so nothing is applied without a terminal; no findings: applied; a
// reviewer answering outside its schema twice is reported as failed, never "no issues"), in the
// best-of-k bring-back and in `tandem fix`; the user's hooks run inside every best-of-k and eval
// attempt — in the attempt's own copy — and are shown on stderr. Real CLI processes against the
// scripted model server, whose answer depends on the model named in the request.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { tempWorkspace } from '../core/agent/testTools';
import { attemptReply, builtCli, calcWorkspace, runCli, scriptModels, tempHome } from './attemptsKit';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';
const AUTH = "function isAdmin(user) {\n  return user.role = 'admin';\n}\nmodule.exports = { isAdmin };\n";
const HIGH = { findings: [{ path: 'auth.js', line: 2, severity: 'high', cwe: 'CWE-481', title: 'Assignment instead of comparison', rationale: 'Every user becomes admin.', suggestion: "Use === 'admin'." }] };

/** The reviewer (model "rev") answers `review`; every other model writes auth.js, then answers. */
function script(server: ModelServer, review: () => string): void {
  server.onRequest(CHAT, (req: RecordedRequest): Reply => {
    if (req.body.model === 'rev') return chatStream(review(), { usage: { prompt_tokens: 300, completion_tokens: 40 } });
    const answered = (req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool');
    return answered ? chatStream('Done.') : chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'auth.js', content: AUTH } }]);
  });
}

const reviewerRequests = (server: ModelServer) => server.requestsTo(CHAT).filter((r) => r.body.model === 'rev');

describe('tandem exec --review-model', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  before(() => builtCli());
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });
  const exec = (args: string[], env: NodeJS.ProcessEnv = {}) => runTandem(['exec', '--base-url', server.url, '--model', 'agent', '--cwd', root, '--approval', 'full-auto', '--sandbox', 'off', '--no-mcp', ...args, 'write auth.js'], env);

  it("shows the reviewer's high finding as the model's, asks even in full-auto (refused without a terminal: exit 4) and tells the agent", async () => {
    script(server, () => JSON.stringify(HIGH));
    const r = await exec(['--review-model', 'rev']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /◆ reviewer rev: \d+\.\d s, 340 tokens — 1 finding\(s\)/);
    assert.match(r.stderr, /\[model\] HIGH auth\.js:2 \S+ \(CWE-481\): Assignment instead of comparison/);
    await assert.rejects(fs.stat(path.join(root, 'auth.js')));
    // high-risk (the default) reviewed it: the change touches authorisation code.
    assert.equal(reviewerRequests(server).length, 1);
    const back = server.requestsTo(CHAT).filter((q) => q.body.model === 'agent').at(-1)!;
    assert.match(JSON.stringify(back.body.messages), /Tandem's reviewer \(rev\) flagged these lines/);
  });

  it('applies a change the reviewer finds nothing in, and says it reviewed it ($TANDEM_REVIEW_MODEL)', async () => {
    script(server, () => JSON.stringify({ findings: [] }));
    const r = await exec(['--review-when', 'always'], { TANDEM_REVIEW_MODEL: 'rev' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /◆ reviewer rev: .* — no findings/);
    assert.equal(await fs.readFile(path.join(root, 'auth.js'), 'utf8'), AUTH);
  });

  it('a reviewer answering outside its schema twice is reported as failed, never as no findings', async () => {
    script(server, () => 'Looks fine to me!');
    const r = await exec(['--review-model', 'rev', '--review-when', 'always']);
    assert.match(r.stderr, /◆ reviewer rev: .* — The reviewer \(rev\) failed: it answered twice outside the review schema/);
    assert.doesNotMatch(r.stderr, /no findings/);
    assert.equal(reviewerRequests(server).length, 2);
  });

  it('asks no reviewer without --review-model, or with --review-when off; refuses a bad --review-when', async () => {
    script(server, () => JSON.stringify(HIGH));
    assert.equal((await exec([])).code, 0);
    await fs.rm(path.join(root, 'auth.js'));
    assert.equal((await exec(['--review-model', 'rev', '--review-when', 'off'])).code, 0);
    assert.equal(reviewerRequests(server).length, 0);
    const bad = await exec(['--review-model', 'rev', '--review-when', 'sometimes']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--review-when must be one of off, high-risk, always; got "sometimes"/);
  });
});

describe('the reviewer and the hooks in best of k, fix and eval (built CLI)', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let home: string;
  before(() => builtCli());
  beforeEach(async () => {
    server = await ModelServer.start();
    home = await tempHome('tandem-reviewer-runs-');
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(home, { recursive: true, force: true });
  });
  /** A user hook (run before every edit) that writes the folder it runs in to `log`, and says so. */
  const userHook = async (log: string) => {
    await fs.mkdir(path.join(home, 'config', 'tandem'), { recursive: true });
    const hooks = { PreToolUse: [{ matcher: 'edit_file|write_file', hooks: [{ type: 'command', command: `pwd >> '${log}'; echo "hook saw an edit"` }] }] };
    await fs.writeFile(path.join(home, 'config', 'tandem', 'hooks.json'), JSON.stringify({ hooks }));
  };

  it("exec --attempts: the hooks run in each attempt's copy, and the reviewer reads the chosen attempt before it is proposed", async () => {
    const root = await calcWorkspace(home);
    const log = path.join(home, 'pwd.log');
    await userHook(log);
    server.onRequest(CHAT, (req) => (req.body.model === 'rev' ? chatStream(JSON.stringify({ findings: [] })) : attemptReply(req)));
    const r = await runCli(['exec', '--base-url', server.url, '--models', 'good,bad', '--attempts', '2', '--parallel', '1', '--approval', 'full-auto', '--review-model', 'rev', '--review-when', 'always', '--cwd', root, '--test-command', 'node check.js', 'make calc add'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[attempt 1\] ⚙ PreToolUse hook \(edit_file\) ran: pwd/);
    assert.match(r.stderr, /\[attempt 2\] ⚙ PreToolUse hook \(edit_file\) ran: pwd/);
    const folders = (await fs.readFile(log, 'utf8')).trim().split('\n');
    assert.equal(folders.length, 2);
    for (const f of folders) assert.notEqual(await fs.realpath(f).catch(() => f), root, 'a hook ran in the user workspace, not the copy');
    assert.notEqual(folders[0], folders[1]);
    assert.equal(server.requestsTo(CHAT).filter((q) => q.body.model === 'rev').length, 1);
    assert.match(r.stderr, /◆ reviewer rev: .* — no findings/);
    assert.equal(await fs.readFile(path.join(root, 'calc.js'), 'utf8'), 'module.exports = (a, b) => a + b;\n');
  });

  it('tandem fix takes --review-model: a high finding of the reviewer keeps the verified patch from being applied in full-auto (exit 4)', async () => {
    const root = path.join(home, 'ws');
    await fs.cp(path.resolve(__dirname, '../../../examples/fix/js-dynamic-eval'), path.join(root, 'js-dynamic-eval'), { recursive: true });
    const before = await fs.readFile(path.join(root, 'js-dynamic-eval/settings.js'), 'utf8');
    server.onRequest(CHAT, (req): Reply => {
      if (req.body.model === 'rev') return chatStream(JSON.stringify({ findings: [{ path: 'js-dynamic-eval/settings.js', line: 1, severity: 'high', cwe: 'CWE-20', title: 'Input no longer checked', rationale: 'r', suggestion: 's' }] }));
      const answered = (req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool');
      return answered ? chatStream('Fixed.') : chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'js-dynamic-eval/settings.js', old_string: "eval('(' + input + ')')", new_string: 'JSON.parse(input)' } }]);
    });
    const r = await runCli(['fix', '--base-url', server.url, '--model', 'agent', '--review-model', 'rev', '--approval', 'full-auto', '--cwd', root, '--test-command', 'node js-dynamic-eval/test.js'], home);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /◆ reviewer rev: .* — 1 finding\(s\)/);
    assert.match(r.stderr, /\[model\] HIGH js-dynamic-eval\/settings\.js:1/);
    assert.equal(await fs.readFile(path.join(root, 'js-dynamic-eval/settings.js'), 'utf8'), before);
    const bad = await runCli(['fix', '--model', 'agent', '--review-when', 'never', '--cwd', root], home);
    assert.equal(bad.code, 2);
  });

  it("tandem eval: the user's hooks run in every attempt's copy and are shown; --no-hooks runs none", async () => {
    const tasks = path.join(home, 'tasks');
    await fs.mkdir(path.join(tasks, 'calc'), { recursive: true });
    const ws = await calcWorkspace(path.join(tasks, 'calc'));
    await fs.writeFile(path.join(tasks, 'calc', 'task.json'), JSON.stringify({ task: 'make calc add', testCommand: 'node check.js', workspace: path.basename(ws) }));
    const log = path.join(home, 'pwd.log');
    await userHook(log);
    scriptModels(server);
    const r = await runCli(['eval', '--base-url', server.url, '--approval', 'full-auto', '--model', 'good', '--attempts', '2', '--parallel', '1', tasks], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[calc · good attempt 1\] ⚙ PreToolUse hook \(edit_file\) ran: pwd/);
    const folders = (await fs.readFile(log, 'utf8')).trim().split('\n');
    assert.equal(folders.length, 2);
    assert.ok(folders.every((f) => f !== ws), folders.join(', '));
    await fs.rm(log);
    const off = await runCli(['eval', '--base-url', server.url, '--approval', 'full-auto', '--model', 'good', '--no-hooks', tasks], home);
    assert.equal(off.code, 0, off.stderr);
    await assert.rejects(fs.stat(log));
  });
});
