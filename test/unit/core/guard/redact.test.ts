import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { redactKeys } from '../../../../src/core/guard/redact';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';

describe('secret redaction', () => {
  const table: Array<[string, string, string]> = [
    ['an OpenAI key', 'key: sk-proj-abcdefghijklmnopqrstuvwx12', 'key: [REDACTED API KEY]'],
    ['an AWS key id', 'id=AKIAIOSFODNN7EXAMPLE', 'id=[REDACTED AWS KEY]'],
    ['an AWS secret', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [REDACTED]'],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[REDACTED GITHUB TOKEN]'],
    ['a bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123', 'Authorization: Bearer [REDACTED]'],
    ['a private key block', 'a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nb', 'a\n[REDACTED PRIVATE KEY]\nb'],
    ['ordinary text', 'const skip = "sk-short"; // task-123', 'const skip = "sk-short"; // task-123'],
  ];
  for (const [what, input, expected] of table) it(`handles ${what}`, () => assert.equal(redactKeys(input), expected));

  it('keeps keys in files and command output away from the model', async () => {
    const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'redact-')));
    try {
      writeFileSync(join(root, 'config.js'), 'module.exports = { key: "sk-proj-abcdefghijklmnopqrstuvwx12" };\n');
      const ctx = { workspaceRoot: root, approver: { request: async () => ({ approved: true as const }) }, applier: new FileApplier(root), approvalMode: 'full-auto' as const, allowedCommands: [], toolCallId: 'r' };
      const read = await invokeTool(builtinTools(), 'read_file', JSON.stringify({ path: 'config.js' }), ctx, new AbortController().signal);
      assert.match(read.output, /\[REDACTED API KEY\]/);
      assert.doesNotMatch(read.output, /sk-proj/);
      const run = await invokeTool(builtinTools(), 'run_command', JSON.stringify({ command: 'cat config.js' }), ctx, new AbortController().signal);
      assert.doesNotMatch(run.output, /sk-proj/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
