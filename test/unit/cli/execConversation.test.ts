// `tandem exec` (a real child process against the scripted model server) with the conversation
// tools: headless runs are sent only the tools the model may use (no ask_user; update_plan in plan
// mode only); in plan mode update_plan comes out as `plan` events with --json and as a checklist on
// stderr in text mode; a call of a tool that was not sent gets an error result and the run goes on.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';

describe('tandem exec: plan and questions', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const exec = (args: string[]) => runTandem(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, ...args]);
  const plan = [
    { step: 'Read a.txt', status: 'in_progress' },
    { step: 'Report', status: 'pending' },
  ];

  it('--json emits the plan as events, in order with the tool calls', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]),
      chatToolCallStream([{ id: 'p2', name: 'update_plan', arguments: { plan: [{ ...plan[0], status: 'done' }, { ...plan[1], status: 'in_progress' }], explanation: 'read it' } }]),
      chatStream('alpha'),
    );
    const r = await exec(['--json', '--mode', 'plan', 'what is in a.txt?']);
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; steps?: unknown; explanation?: string });
    const plans = events.filter((e) => e.type === 'plan');
    assert.deepEqual(plans, [
      { type: 'plan', steps: plan },
      { type: 'plan', steps: [{ step: 'Read a.txt', status: 'done' }, { step: 'Report', status: 'in_progress' }], explanation: 'read it' },
    ]);
    const order = events.map((e) => e.type).filter((t) => t === 'plan' || t === 'toolCallFinished');
    assert.deepEqual(order, ['plan', 'toolCallFinished', 'plan', 'toolCallFinished']);
  });

  it('prints the plan as a checklist on stderr in text mode, the answer alone on stdout', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]), chatStream('alpha'));
    const r = await exec(['--mode', 'plan', 'what is in a.txt?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'alpha\n');
    assert.match(r.stderr, /Plan:\n {2}\[~\] Read a\.txt\n {2}\[ \] Report\n/);
  });

  it('sends neither ask_user nor update_plan in act mode, and update_plan but not ask_user in plan mode', async () => {
    server.enqueue(CHAT, chatStream('alpha'), chatStream('plan'));
    assert.equal((await exec(['what is in a.txt?'])).code, 0);
    assert.equal((await exec(['--mode', 'plan', 'what is in a.txt?'])).code, 0);
    const offered = server.requestsTo(CHAT).map((r) => (r.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name));
    assert.ok(!offered[0].includes('ask_user') && !offered[0].includes('update_plan'), offered[0].join(', '));
    assert.ok(offered[0].includes('edit_file') && offered[0].includes('run_command'), offered[0].join(', '));
    assert.ok(offered[1].includes('update_plan') && !offered[1].includes('ask_user'), offered[1].join(', '));
  });

  it('a call of ask_user anyway gets an error result naming the tools there are, and the run goes on', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'q1', name: 'ask_user', arguments: { question: 'Which format, JSON or YAML?', options: ['JSON', 'YAML'] } }]), chatStream('Chose JSON.'));
    const r = await exec(['--json', 'write the config']);
    assert.equal(r.code, 0, r.stderr);
    const second = server.requestsTo(CHAT)[1].body.messages as Array<{ role: string; content: string; tool_call_id?: string }>;
    assert.equal(second.at(-1)?.tool_call_id, 'q1');
    assert.match(second.at(-1)?.content ?? '', /There is no tool named "ask_user"\. Available tools: .*read_file/);
    const done = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { type: string; reason: string };
    assert.deepEqual([done.type, done.reason], ['done', 'answer']);
  });

  it('--mode plan refuses edits and commands even in full-auto, changes nothing, and says so (exit 4)', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'a.txt', content: 'changed' } }, { id: 'r1', name: 'run_command', arguments: { command: 'touch made.txt' } }]),
      chatStream('Plan: change a.txt.'),
    );
    const r = await exec(['--mode', 'plan', '--approval', 'full-auto', 'change a.txt']);
    assert.equal(r.code, 4, r.stderr);
    assert.equal(r.stdout, 'Plan: change a.txt.\n');
    assert.equal(readFileSync(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
    assert.deepEqual(readdirSync(root).filter((n) => !n.startsWith('.')), ['a.txt']);
    const first = server.requestsTo(CHAT)[0].body;
    const offered = (first.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    assert.ok(!offered.includes('write_file') && !offered.includes('run_command'), offered.join(', '));
    assert.match(first.messages.at(-1).content, /\[Plan mode\]/);
  });
});
