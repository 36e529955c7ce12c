// Hooks in the agent loop, end to end: the scripted model server over real HTTP, the real core tools
// and policy, real hook commands reading their JSON from stdin. Blocking (exit 2, deny, decision
// "block"), allow that skips only the mode's question, ask, non-blocking errors, a hanging hook
// killed at its timeout, UserPromptSubmit, Stop, SessionStart, and the environment allowlist.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import type { ApprovalRequest, Approver } from '../../../../src/core/changes/approval';
import { parseHooks } from '../../../../src/core/hooks/config';
import { HookEngine } from '../../../../src/core/hooks/engine';
import { exitsWithin } from '../../../fixtures/processes';
import { CHAT, harness, ofType } from '../agent/harness';
import { tempWorkspace } from '../agent/testTools';

describe('hooks in the agent loop', () => {
  let server: ModelServer;
  let root: string;
  let dir: string;
  let asked: ApprovalRequest[];
  const recordingApprover = (approve: boolean): Approver => ({ request: async (req) => (asked.push(req), approve ? { approved: true } : { approved: false, reason: 'no' }) });
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-hookrec-')));
    asked = [];
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(dir, { recursive: true, force: true });
  });
  const engine = (hooks: unknown, env: NodeJS.ProcessEnv = process.env) => {
    const { file, issues } = parseHooks(JSON.stringify({ hooks }), 'user', 'hooks.json');
    assert.deepEqual(issues, []);
    return new HookEngine({ hooks: file.hooks, cwd: root, env });
  };
  const run = (hooks: HookEngine, opts: Parameters<typeof harness>[2] = {}) =>
    harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), approver: recordingApprover(false), hooks, ...opts });
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

  it('blocks a call with exit 2: nothing runs and the model reads stderr as the result; stdin carries the event', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'run_command', arguments: { command: 'touch ran.txt' } }]), chatStream('ok'));
    const hooks = engine({ PreToolUse: [{ matcher: 'run_command', hooks: [{ type: 'command', command: `cat > ${q(`${dir}/pre.json`)}; echo "no commands on Fridays" >&2; exit 2` }] }] });
    const h = run(hooks, { approvalMode: 'full-auto' });
    await h.run('touch it');
    await assert.rejects(fs.stat(path.join(root, 'ran.txt')));
    const result = server.requestsTo(CHAT)[1].body.messages.at(-1);
    assert.equal(result.role, 'tool');
    assert.match(result.content, /no commands on Fridays/);
    const input = JSON.parse(await fs.readFile(path.join(dir, 'pre.json'), 'utf8'));
    assert.equal(input.hook_event_name, 'PreToolUse');
    assert.equal(input.tool_name, 'run_command');
    assert.deepEqual(input.tool_input, { command: 'touch ran.txt' });
    assert.equal(input.cwd, root);
    assert.equal(input.session_id, h.agent.session.id);
    const report = ofType(h.events, 'hook')[0].report;
    assert.equal(report.outcome, 'blocked');
    assert.equal(report.toolCallId, 'c1');
  });

  it('blocks with permissionDecision "deny" and with decision "block" on exit 0', async () => {
    for (const out of ['{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"denied by policy"}}', '{"decision":"block","reason":"denied by policy"}']) {
      server.reset();
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]), chatStream('ok'));
      const h = run(engine({ PreToolUse: [{ matcher: 'write_file', hooks: [{ command: `printf '%s' ${q(out)}` }] }] }), { approvalMode: 'full-auto' });
      await h.run('write');
      await assert.rejects(fs.stat(path.join(root, 'b.txt')));
      assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /denied by policy/);
    }
  });

  it('runs only hooks whose matcher takes the tool name', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('ok'));
    const h = run(engine({ PreToolUse: [{ matcher: 'edit_file|write_file', hooks: [{ command: 'exit 2' }] }] }));
    await h.run('read');
    assert.equal(server.requestsTo(CHAT)[1].body.messages.at(-1).content, '1\talpha');
    assert.equal(ofType(h.events, 'hook').length, 0);
  });

  it("an allow skips suggest mode's question for an ordinary edit", async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'beta\n' } }]), chatStream('ok'));
    const h = run(engine({ PreToolUse: [{ matcher: 'write_file', hooks: [{ command: `printf '%s' '{"hookSpecificOutput":{"permissionDecision":"allow"}}'` }] }] }), { approvalMode: 'suggest' });
    await h.run('write');
    assert.deepEqual(asked, []);
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'beta\n');
  });

  const allowAll = { PreToolUse: [{ matcher: '.*', hooks: [{ command: `printf '%s' '{"hookSpecificOutput":{"permissionDecision":"allow"}}'` }] }] };

  it('an allow never gets past the workspace jail: a path outside, a .. path and a symlink out are refused', async () => {
    const outside = path.join(dir, 'outside.txt');
    await fs.symlink(dir, path.join(root, 'link'));
    server.enqueue(
      CHAT,
      chatToolCallStream([
        { id: 'o1', name: 'write_file', arguments: { path: outside, content: 'pwned' } },
        { id: 'o2', name: 'write_file', arguments: { path: `../${path.basename(dir)}/outside.txt`, content: 'pwned' } },
        { id: 'o3', name: 'write_file', arguments: { path: 'link/outside.txt', content: 'pwned' } },
      ]),
      chatStream('ok'),
    );
    const h = run(engine(allowAll), { approvalMode: 'full-auto', approver: recordingApprover(true) });
    await h.run('escape');
    await assert.rejects(fs.stat(outside));
    for (const f of ofType(h.events, 'toolCallFinished')) assert.equal(f.isError, true, f.output);
  });

  it('an allow never runs a forbidden command, also behind a wrapper', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'f1', name: 'run_command', arguments: { command: 'rm -rf ~' } }, { id: 'f2', name: 'run_command', arguments: { command: 'sudo rm -rf /' } }, { id: 'f3', name: 'run_command', arguments: { command: "sh -c 'rm -rf ~/'" } }]), chatStream('ok'));
    const h = run(engine(allowAll), { approvalMode: 'suggest', approver: recordingApprover(true) });
    await h.run('wipe');
    const done = ofType(h.events, 'toolCallFinished');
    assert.equal(done.length, 3);
    for (const f of done) assert.match(f.output, /Refused to run/);
    assert.deepEqual(asked, []);
  });

  it('an allow does not skip the question of a high guard finding, nor the sandbox question in full-auto', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([
        { id: 'g', name: 'write_file', arguments: { path: 'app.js', content: "app.get('/c', (req, res) => res.send(String(eval(req.query.expr))));\n" } },
        { id: 'c', name: 'run_command', arguments: { command: 'touch made.txt' } },
      ]),
      chatStream('ok'),
    );
    const h = run(engine(allowAll), { approvalMode: 'full-auto' }); // no sandbox: unconfined
    await h.run('go');
    assert.deepEqual(asked.map((r) => r.type), ['edit', 'command']);
    await assert.rejects(fs.stat(path.join(root, 'app.js')));
    await assert.rejects(fs.stat(path.join(root, 'made.txt')));
  });

  it('"ask" asks the user before a call full-auto would run, and a refusal runs nothing', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]), chatStream('ok'));
    const h = run(engine({ PreToolUse: [{ hooks: [{ command: `printf '%s' '{"hookSpecificOutput":{"permissionDecision":"ask","permissionDecisionReason":"writes need a look"}}'` }] }] }), { approvalMode: 'full-auto' });
    await h.run('w');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].type, 'tool');
    assert.match((asked[0] as { reason: string }).reason, /writes need a look/);
    await assert.rejects(fs.stat(path.join(root, 'b.txt')));
  });

  it('another exit code is an error shown to the user that blocks nothing; PostToolUse gets the result and its feedback reaches the model', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('ok'));
    const h = run(
      engine({
        PreToolUse: [{ hooks: [{ command: 'echo "lint server down" >&2; exit 1' }] }],
        PostToolUse: [{ matcher: 'read_file', hooks: [{ command: `cat > ${q(`${dir}/post.json`)}; echo "remember: a.txt is generated" >&2; exit 2` }] }],
      }),
    );
    await h.run('read');
    const reports = ofType(h.events, 'hook').map((e) => e.report);
    assert.equal(reports[0].outcome, 'error');
    assert.match(reports[0].message ?? '', /exit code 1: lint server down/);
    const result = server.requestsTo(CHAT)[1].body.messages.at(-1).content as string;
    assert.match(result, /^1\talpha\n/);
    assert.match(result, /remember: a.txt is generated/);
    const post = JSON.parse(await fs.readFile(path.join(dir, 'post.json'), 'utf8'));
    assert.equal(post.hook_event_name, 'PostToolUse');
    assert.deepEqual(post.tool_response, { output: '1\talpha', is_error: false });
  });

  it('kills a hanging hook at its timeout, reports it, and goes on with the call', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('ok'));
    const h = run(engine({ PreToolUse: [{ hooks: [{ command: `echo $$ > ${q(`${dir}/pid`)}; sleep 60 & wait`, timeout: 1 }] }] }));
    const r = await h.run('read');
    assert.equal(r.reason, 'answer');
    const report = ofType(h.events, 'hook')[0].report;
    assert.equal(report.outcome, 'timeout');
    assert.match(report.message ?? '', /timed out after 1 s and was killed/);
    assert.equal(server.requestsTo(CHAT)[1].body.messages.at(-1).content, '1\talpha');
    assert.equal(await exitsWithin(Number(await fs.readFile(path.join(dir, 'pid'), 'utf8'))), true);
  });

  it('UserPromptSubmit: exit 2 keeps the prompt from the model and tells the user; stdout is context', async () => {
    const h = run(engine({ UserPromptSubmit: [{ hooks: [{ command: `grep -q password && { echo "prompt names a password" >&2; exit 2; }; echo "ticket: TND-7"` }] }] }));
    const r = await h.run('my password is hunter2');
    assert.equal(r.reason, 'error');
    assert.match(r.message ?? '', /prompt names a password/);
    assert.equal(server.requestsTo(CHAT).length, 0);
    assert.ok(!JSON.stringify(h.agent.session.messages).includes('hunter2'));
    server.enqueue(CHAT, chatStream('ok'));
    await h.run('fix the bug');
    const sent = server.requestsTo(CHAT)[0].body.messages.at(-1).content as string;
    assert.match(sent, /^fix the bug\n\n<user-prompt-submit-hook>\nticket: TND-7\n<\/user-prompt-submit-hook>$/);
  });

  it('Stop: exit 2 sends the agent back with the reason, and stop_hook_active tells the hook it did', async () => {
    server.enqueue(CHAT, chatStream('done'), chatStream('done, with tests'));
    const h = run(engine({ Stop: [{ hooks: [{ command: `cat >> ${q(`${dir}/stop.jsonl`)}; echo >> ${q(`${dir}/stop.jsonl`)}; grep -q '"stop_hook_active":true' ${q(`${dir}/stop.jsonl`)} || { echo "run the tests first" >&2; exit 2; }` }] }] }));
    const r = await h.run('go');
    assert.equal(r.reason, 'answer');
    assert.equal(r.text, 'done, with tests');
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /run the tests first/);
    const lines = (await fs.readFile(path.join(dir, 'stop.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.stop_hook_active), [false, true]);
    assert.equal(lines[0].last_assistant_message, 'done');
  });

  it('Stop: a hook that always blocks cannot keep the turn going forever', async () => {
    server.onRequest(CHAT, () => chatStream('done'));
    const h = run(engine({ Stop: [{ hooks: [{ command: 'echo more >&2; exit 2' }] }] }));
    const r = await h.run('go');
    assert.equal(r.reason, 'answer');
    assert.equal(server.requestsTo(CHAT).length, 4);
  });

  it('SessionStart output opens the conversation as context, once per agent', async () => {
    server.enqueue(CHAT, chatStream('a'), chatStream('b'));
    const h = run(engine({ SessionStart: [{ hooks: [{ command: `cat > ${q(`${dir}/start.json`)}; echo "branch: main"` }] }] }));
    await h.run('one');
    await h.run('two');
    assert.equal(ofType(h.events, 'hook').length, 1);
    const msgs = server.requestsTo(CHAT)[1].body.messages as Array<{ content: string }>;
    assert.equal(msgs.filter((m) => /<session-start-hook>\nbranch: main/.test(m.content)).length, 1);
    assert.equal(JSON.parse(await fs.readFile(path.join(dir, 'start.json'), 'utf8')).source, 'startup');
  });

  it('runs hooks with the command environment allowlist: secrets of the parent stay out', async () => {
    server.enqueue(CHAT, chatStream('ok'));
    const env = { ...process.env, OPENAI_API_KEY: 'sk-should-not-leak-1234567890', GITHUB_TOKEN: 'ghp_nottobeseen', MY_PLAIN: 'plain' };
    const h = run(engine({ UserPromptSubmit: [{ hooks: [{ command: `env > ${q(`${dir}/env.txt`)}` }] }] }, env));
    await h.run('x');
    const seen = await fs.readFile(path.join(dir, 'env.txt'), 'utf8');
    assert.ok(!/OPENAI_API_KEY|GITHUB_TOKEN|MY_PLAIN/.test(seen), seen);
    assert.match(seen, /^PATH=/m);
    assert.match(seen, new RegExp(`^TANDEM_PROJECT_DIR=${root}$`, 'm'));
  });
});
