// The .vscode/mcp.json template "Add server…" creates: it loads as a valid file with no server
// (nothing starts from it unasked), and each commented example, once uncommented, is a valid server.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMcpConfig } from '../../../../src/core/mcp/config';
import { MCP_JSON_TEMPLATE } from '../../../../src/core/mcp/template';

describe('mcp.json template', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mcptpl-'));
    mkdirSync(join(root, '.vscode'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('loads without servers and without issues', async () => {
    writeFileSync(join(root, '.vscode', 'mcp.json'), MCP_JSON_TEMPLATE);
    const cfg = await loadMcpConfig({ workspaceRoot: root, codexConfig: null });
    assert.deepEqual(cfg.servers, []);
    assert.deepEqual(cfg.issues, []);
  });

  it('gives two valid servers once its examples are uncommented', async () => {
    const uncommented = MCP_JSON_TEMPLATE.replace(/^(\s*)\/\/ ?(\s*["}\]])/gm, '$1$2').replace(/^\s*\/\/.*$/gm, '');
    writeFileSync(join(root, '.vscode', 'mcp.json'), uncommented);
    const cfg = await loadMcpConfig({ workspaceRoot: root, codexConfig: null });
    assert.deepEqual(cfg.issues, []);
    assert.deepEqual(cfg.servers.map((s) => s.name).sort(), ['docs', 'filesystem']);
  });
});
