// A secret file of the workspace is empty to sandboxed commands unless the user approves a command
// that names it: then that one run reads it, and only the files it names as plain paths. Real
// bubblewrap, the real run_command tool and command policy; the approver is the test.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ApprovalRequest } from '../../../../src/core/changes/approval';
import { classifyCommand } from '../../../../src/core/policy/commandPolicy';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { probeBubblewrap } from '../../../../src/core/sandbox/probe';
import { Sandbox } from '../../../../src/core/sandbox/sandbox';
import { runCommandTool } from '../../../../src/core/tools/runCommand';
import type { ToolContext } from '../../../../src/core/tools/types';

describe('approving a command that reads a secret file', function () {
  this.timeout(30_000);
  let root: string;
  before(async () => {
    const probe = await probeBubblewrap();
    assert.equal(probe.available, true, `These tests need a working bubblewrap: ${probe.reason}`);
  });
  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(path.join(tmpdir(), 'secret-approval-')));
    writeFileSync(path.join(root, '.env'), 'ENV_FILE_CONTENT\n');
    mkdirSync(path.join(root, 'certs'));
    writeFileSync(path.join(root, 'certs', 'server.pem'), 'PEM_FILE_CONTENT\n');
    symlinkSync('.env', path.join(root, 'notes.txt'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = async (command: string, approvalMode: ToolContext['approvalMode'] = 'suggest') => {
    const asked: ApprovalRequest[] = [];
    const ctx: ToolContext = {
      workspaceRoot: root,
      approver: { request: async (req) => (asked.push(req), { approved: true }) },
      applier: { apply: async () => {} },
      approvalMode,
      allowedCommands: [],
      toolCallId: 't',
      sandbox: new Sandbox({ mode: 'workspace-write', network: false }),
    };
    const r = await runCommandTool.invoke({ command }, ctx, new AbortController().signal);
    return { output: r.output, asked };
  };

  const cases: Array<[command: string, shown: string[], hidden: string[]]> = [
    ['cat .env', ['ENV_FILE_CONTENT'], ['PEM_FILE_CONTENT']],
    ['cat ./.env; cat certs/server.pem', ['ENV_FILE_CONTENT', 'PEM_FILE_CONTENT'], []],
    ['cat < .env', ['ENV_FILE_CONTENT'], []],
    ['cd certs && cat server.pem', ['PEM_FILE_CONTENT'], []],
    ['sh -c "cat .env"', ['ENV_FILE_CONTENT'], ['PEM_FILE_CONTENT']],
    // Named other than as a plain path: still empty, though the command was approved.
    ['cat .e*', [], ['ENV_FILE_CONTENT']],
    ['cat "$PWD/.env"', [], ['ENV_FILE_CONTENT']],
    ['cat certs/*.pem .env', ['ENV_FILE_CONTENT'], ['PEM_FILE_CONTENT']],
    ['grep -r CONTENT .', [], ['ENV_FILE_CONTENT', 'PEM_FILE_CONTENT']],
    // Other spellings of the same path: a link to it, a detour through a folder, an encoded name.
    ['cat notes.txt', [], ['ENV_FILE_CONTENT']],
    ['cat certs/../.env', ['ENV_FILE_CONTENT'], []],
    ["cat $'\\x2eenv'", [], ['ENV_FILE_CONTENT']],
  ];
  for (const [command, shown, hidden] of cases) {
    it(`${command}: approved, shows ${shown.length ? shown.join(', ') : 'nothing secret'}`, async () => {
      const r = await run(command);
      assert.equal(r.asked.length, 1, 'the command is asked');
      for (const s of shown) assert.match(r.output, new RegExp(s), r.output);
      for (const h of hidden) assert.doesNotMatch(r.output, new RegExp(h), r.output);
    });
  }

  it('says in the question which files approving shows', async () => {
    const r = await run('cat .env certs/server.pem');
    const req = r.asked[0] as Extract<ApprovalRequest, { type: 'command' }>;
    assert.match(req.reason, /Allowing it lets this one command read \.env, certs\/server\.pem, which commands otherwise see as empty/);
    assert.deepEqual((await classifyCommand('cat .env', { allowed: [], workspaceRoot: root, cwd: root })).secretReads, [path.join(root, '.env')]);
  });

  it('in full-auto nobody approved it: the command runs sandboxed and sees the file empty', async () => {
    const r = await run('cat .env', 'full-auto');
    assert.equal(r.asked.length, 0);
    assert.doesNotMatch(r.output, /ENV_FILE_CONTENT/);
  });

  it('the approval is for that run only: the next command sees the file empty again', async () => {
    assert.match((await run('cat .env')).output, /ENV_FILE_CONTENT/);
    assert.doesNotMatch((await run('cat .env', 'full-auto')).output, /ENV_FILE_CONTENT/);
  });
});
