// MCP stdio servers start with the allowlisted environment plus their own `env` (never Tandem's API
// keys), and run in the sandbox when the workspace defines them or they ask for it (`sandbox: true`):
// they can write the workspace, not the rest of the disk. A git they start gets Tandem's forced settings. A real server, a real child process.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerDef } from '../../../../src/core/mcp/config';
import { McpConnection } from '../../../../src/core/mcp/connection';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { probeBubblewrap } from '../../../../src/core/sandbox/probe';
import { Sandbox } from '../../../../src/core/sandbox/sandbox';

const REPO = path.resolve(__dirname, '../../../..');
const SERVER = ['--import', 'tsx', path.join(REPO, 'test/fixtures/mcp/envServer.ts')];

function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

describe('MCP stdio servers: environment and sandbox', function () {
  this.timeout(30_000);
  let root: string;
  let outside: string;
  let conn: McpConnection | undefined;
  const saved = { ...process.env };
  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(path.join(tmpdir(), 'mcp-env-')));
    outside = mkdtempSync(path.join(REPO, '.mcp-outside-'));
    Object.assign(process.env, { OPENAI_API_KEY: 'sk-parent-secret-1234567890', AWS_SECRET_ACCESS_KEY: 'aws-parent-secret-123', GITHUB_PAT: 'github-parent-pat-123' });
  });
  afterEach(async () => {
    await conn?.stop();
    conn = undefined;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const def = (extra: Partial<McpServerDef>): McpServerDef => ({ name: 'envsrv', source: 'user settings', transport: 'stdio', command: process.execPath, args: SERVER, cwd: REPO, ...extra });

  it('gets the allowlist and its own env, never the parent secrets', async () => {
    conn = new McpConnection(def({ env: { GIVEN_TO_SERVER: 'yes', SERVER_TOKEN: 'its-own-token' } }));
    const env = JSON.parse(text(await conn.callTool('env', {}, new AbortController().signal))) as Record<string, string>;
    assert.equal(env.GIVEN_TO_SERVER, 'yes');
    assert.equal(env.SERVER_TOKEN, 'its-own-token', 'a server keeps the credentials its definition gives it');
    assert.equal(env.PATH, process.env.PATH);
    for (const name of ['OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_PAT']) assert.equal(env[name], undefined, name);
  });

  it('gets the forced git settings, whatever the parent or its own env say, so a git it starts runs nothing a repository names', async () => {
    Object.assign(process.env, { GIT_DIR: '/elsewhere/.git', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='touch /tmp/x'" });
    conn = new McpConnection(def({ env: { GIT_CONFIG_COUNT: '0', GIT_SSH_COMMAND: 'touch /tmp/pwned', GIT_WORK_TREE: '/', KEEP_ME: '1' } }));
    const env = JSON.parse(text(await conn.callTool('env', {}, new AbortController().signal))) as Record<string, string>;
    assert.equal(env.KEEP_ME, '1');
    assert.equal(env.GIT_CONFIG_NOSYSTEM, '1');
    for (const name of ['GIT_DIR', 'GIT_CONFIG_PARAMETERS', 'GIT_SSH_COMMAND', 'GIT_WORK_TREE']) assert.equal(env[name], undefined, name);
    const forced = new Map(Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]));
    assert.equal(forced.get('core.fsmonitor'), 'false');
    assert.equal(forced.get('core.hooksPath'), '/dev/null');
    assert.equal(forced.get('protocol.ext.allow'), 'never');
    // The same environment on a real git in a repository whose config names a program: it does not run.
    const repo = path.join(root, 'repo');
    const plain = { PATH: process.env.PATH, HOME: root };
    execFileSync('git', ['init', '-q', repo], { env: plain });
    const marker = path.join(root, 'fsmonitor-ran');
    execFileSync('git', ['-C', repo, 'config', 'core.fsmonitor', `touch ${marker}; false`], { env: plain });
    spawnSync('git', ['-C', repo, 'status'], { env: plain });
    assert.equal(existsSync(marker), true, 'without the forced settings the repository runs its program (the check can fail)');
    rmSync(marker);
    spawnSync('git', ['-C', repo, 'status'], { env });
    assert.equal(existsSync(marker), false, 'core.fsmonitor ran');
  });

  const cases: Array<[string, Partial<McpServerDef>, boolean]> = [
    ['a workspace-defined server is sandboxed by default', { source: '.vscode/mcp.json' }, true],
    ['a user server that asks for the sandbox is sandboxed', { sandbox: true }, true],
    ['a workspace server that opts out is not', { source: '.vscode/mcp.json', sandbox: false }, false],
    ['a user server is not by default', {}, false],
  ];
  for (const [what, extra, confined] of cases) {
    it(what, async () => {
      const probe = await probeBubblewrap();
      assert.equal(probe.available, true, `This test needs a working bubblewrap: ${probe.reason}`);
      const sandbox = new Sandbox({ mode: 'workspace-write', network: false });
      conn = new McpConnection(def(extra), { sandbox: { sandbox, workspaceRoot: root } });
      const signal = new AbortController().signal;
      assert.equal(text(await conn.callTool('write', { path: path.join(root, 'inside.txt') }, signal)), 'written');
      const out = text(await conn.callTool('write', { path: path.join(outside, 'outside.txt') }, signal));
      assert.equal(out, confined ? 'failed: EROFS' : 'written');
      assert.equal(existsSync(path.join(outside, 'outside.txt')), !confined);
    });
  }
});
