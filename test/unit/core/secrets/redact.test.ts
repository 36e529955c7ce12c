import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { redactKeys } from '../../../../src/core/secrets/redact';
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

describe('redaction of the parent environment’s secret values', () => {
  const env: NodeJS.ProcessEnv = {
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIxK7MDENGxbPxRfiCYzzzzzz',
    DB_PASSWORD: 'hunter2hunter2',
    my_service_pass: 'lowercase-pass-42',
    CI_JOB_TOKEN: 'glcbt-64-abcdefgh',
    GITHUB_PAT: 'patvalue-0123456789',
    NPM_CONFIG__AUTH: 'bnBtYXV0aHZhbHVl',
    npm_config__authToken: 'npm-lower-auth-99',
    SERVICE_CREDENTIALS: 'cred-blob-value-1',
    DATABASE_URL: 'postgres://app:s3cr3t-pw@db.example:5432/prod',
    SHORT_TOKEN: 'abc',
    GIT_AUTHOR_NAME: 'Ada Lovelace Longname',
    SSH_AUTH_SOCK: '/tmp/ssh-XXXX/agent.123',
    HOME: '/home/someone-long',
  };
  const table: Array<[string, string, string]> = [
    ['an AWS secret access key', 'key=wJalrXUtnFEMIxK7MDENGxbPxRfiCYzzzzzz!', 'key=[REDACTED AWS_SECRET_ACCESS_KEY]!'],
    ['a *_PASSWORD value', 'pw: hunter2hunter2', 'pw: [REDACTED DB_PASSWORD]'],
    ['a lower-case *_pass name', 'lowercase-pass-42', '[REDACTED my_service_pass]'],
    ['a *_TOKEN value', 'tok glcbt-64-abcdefgh', 'tok [REDACTED CI_JOB_TOKEN]'],
    ['a *_PAT value', 'patvalue-0123456789', '[REDACTED GITHUB_PAT]'],
    ['NPM_CONFIG__AUTH', '_auth=bnBtYXV0aHZhbHVl', '_auth=[REDACTED NPM_CONFIG__AUTH]'],
    ['a lower-case npm auth token', 'npm-lower-auth-99', '[REDACTED npm_config__authToken]'],
    ['a *CREDENTIAL* value', 'cred-blob-value-1', '[REDACTED SERVICE_CREDENTIALS]'],
    ['the password of DATABASE_URL', 'connecting to postgres://app:s3cr3t-pw@db.example:5432/prod', 'connecting to postgres://app:[REDACTED DATABASE_URL]@db.example:5432/prod'],
    ['the DATABASE_URL password alone', 'password is s3cr3t-pw', 'password is [REDACTED DATABASE_URL]'],
    ['a secret in base64', `echo ${Buffer.from('hunter2hunter2').toString('base64')}`, 'echo [REDACTED DB_PASSWORD]'],
    ['a secret URL-encoded', `q=${encodeURIComponent('lowercase-pass-42')}`, 'q=[REDACTED my_service_pass]'],
    ['any URL with a password', 'git clone https://bob:other-secret@git.example/x.git', 'git clone https://bob:[REDACTED]@git.example/x.git'],
    ['a value too short to be secret', 'abc is fine', 'abc is fine'],
    ['the git author name (AUTHOR is not AUTH)', 'Author: Ada Lovelace Longname', 'Author: Ada Lovelace Longname'],
    ['the ssh agent socket path', '/tmp/ssh-XXXX/agent.123', '/tmp/ssh-XXXX/agent.123'],
    ['ordinary variables', 'cd /home/someone-long', 'cd /home/someone-long'],
  ];
  for (const [what, input, expected] of table) it(`masks ${what}`, () => assert.equal(redactKeys(input, env), expected));
});
