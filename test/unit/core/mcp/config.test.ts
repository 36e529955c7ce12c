import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitionHash, isWorkspaceDefined, loadMcpConfig, parseServers } from '../../../../src/core/mcp/config';

describe('MCP configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcpcfg-'));
    mkdirSync(join(dir, 'ws', '.vscode'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges settings, .vscode/mcp.json and Codex config.toml into one list, tagged by source', async () => {
    writeFileSync(
      join(dir, 'ws', '.vscode', 'mcp.json'),
      `{
        // VS Code's format, comments allowed
        "servers": {
          "db": { "type": "stdio", "command": "node", "args": ["\${workspaceFolder}/db.js"], "env": { "TOKEN": "\${env:MCP_TEST_TOKEN}" } },
          "docs": { "type": "http", "url": "https://docs.example/mcp", "headers": { "Authorization": "Bearer x" } },
        }
      }`,
    );
    writeFileSync(join(dir, 'config.toml'), '[mcp_servers.scanner]\ncommand = "npx"\nargs = ["-y", "scanner"]\nenv = { LEVEL = "high" }\n\n[mcp_servers.remote]\nurl = "https://remote.example/mcp"\n');
    process.env.MCP_TEST_TOKEN = 'tok';
    const cfg = await loadMcpConfig({
      userSettings: { files: { command: 'files-mcp' } },
      workspaceRoot: join(dir, 'ws'),
      codexConfig: join(dir, 'config.toml'),
    });
    assert.deepEqual(cfg.issues, []);
    const by = Object.fromEntries(cfg.servers.map((s) => [s.name, s]));
    assert.deepEqual(Object.keys(by).sort(), ['db', 'docs', 'files', 'remote', 'scanner']);
    assert.equal(by.files.source, 'user settings');
    assert.equal(by.scanner.source, '~/.codex/config.toml');
    assert.deepEqual(by.scanner.env, { LEVEL: 'high' });
    assert.equal(by.remote.transport, 'http');
    assert.equal(by.db.source, '.vscode/mcp.json');
    assert.deepEqual(by.db.args, [join(dir, 'ws', 'db.js')]);
    assert.deepEqual(by.db.env, { TOKEN: 'tok' });
    assert.deepEqual(by.docs.headers, { Authorization: 'Bearer x' });
    assert.ok(isWorkspaceDefined(by.db) && !isWorkspaceDefined(by.files));
  });

  it('reports bad entries clearly and keeps the good ones', () => {
    const cfg = parseServers({ ok: { command: 'x' }, nocmd: { type: 'stdio', args: ['a'] }, nourl: { type: 'sse' }, wrong: { command: 3 }, bad: 'str' }, 'user settings');
    assert.deepEqual(cfg.servers.map((s) => s.name), ['ok']);
    const msgs = Object.fromEntries(cfg.issues.map((i) => [i.name, i.message]));
    assert.match(msgs.nocmd, /needs a "command"/);
    assert.match(msgs.nourl, /needs a "url"/);
    assert.match(msgs.wrong, /command/);
    assert.ok(msgs.bad);
  });

  it('reports an unreadable TOML file and still loads the rest', async () => {
    writeFileSync(join(dir, 'config.toml'), '[mcp_servers.x\ncommand = ');
    const cfg = await loadMcpConfig({ userSettings: { a: { command: 'a' } }, codexConfig: join(dir, 'config.toml') });
    assert.deepEqual(cfg.servers.map((s) => s.name), ['a']);
    assert.match(cfg.issues[0].message, /could not be read/);
  });

  it('reports invalid mcp.json', async () => {
    writeFileSync(join(dir, 'ws', '.vscode', 'mcp.json'), '{ "servers": ');
    const cfg = await loadMcpConfig({ workspaceRoot: join(dir, 'ws'), codexConfig: null });
    assert.match(cfg.issues[0].message, /not valid JSON/);
  });

  it('changes the definition hash when the command or its environment changes', () => {
    const [a] = parseServers({ s: { command: 'x', args: ['1'] } }, '.vscode/mcp.json').servers;
    const [b] = parseServers({ s: { command: 'x', args: ['2'] } }, '.vscode/mcp.json').servers;
    const [c] = parseServers({ s: { command: 'x', args: ['1'], env: { A: '1' } } }, '.vscode/mcp.json').servers;
    assert.notEqual(definitionHash(a), definitionHash(b));
    assert.notEqual(definitionHash(a), definitionHash(c));
    assert.equal(definitionHash(a), definitionHash(parseServers({ s: { command: 'x', args: ['1'] } }, '.vscode/mcp.json').servers[0]));
  });
});
