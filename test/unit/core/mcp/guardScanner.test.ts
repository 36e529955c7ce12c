// An MCP-served scanner used in addition to the built-in rules: its findings join the guard's, and
// a high one makes auto-edit ask. The scanner is a real SDK server over stdio.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { findingsFromScannerText, mcpScanner } from '../../../../src/core/mcp/guardScanner';
import { McpManager } from '../../../../src/core/mcp/manager';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';
import type { ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ToolContext } from '../../../../src/core/tools/types';

const repo = join(__dirname, '..', '..', '..', '..');

describe('MCP-served scanner', function () {
  this.timeout(30_000);

  it('reads JSON findings, plain text, and "no findings"', () => {
    assert.deepEqual(findingsFromScannerText('No findings.', 'a.ts', 's'), []);
    const [f] = findingsFromScannerText(JSON.stringify({ results: [{ rule: 'x1', message: 'bad', line: 4, severity: 'critical' }] }), 'a.ts', 'sast/scan');
    assert.deepEqual([f.ruleId, f.severity, f.line], ['sast/scan:x1', 'high', 4]);
    assert.equal(findingsFromScannerText('something looks off', 'a.ts', 's')[0].severity, 'medium');
  });

  it('adds the scanner findings to the guard and asks in auto-edit on a high one', async () => {
    const store = () => {
      const m = new Map<string, string>();
      return { get: (k: string) => m.get(k), set: (k: string, v: string | undefined) => void (v === undefined ? m.delete(k) : m.set(k, v)) };
    };
    const manager = new McpManager({
      servers: [{ name: 'sast', source: 'user settings', transport: 'stdio', command: process.execPath, args: ['--import', 'tsx', join(repo, 'test/fixtures/mcp/stdioServer.ts')], cwd: repo }],
      trusted: true,
      enablement: store(),
      allow: store(),
    });
    const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'scanner-')));
    try {
      await manager.tools();
      const asked: ApprovalRequest[] = [];
      const ctx: ToolContext = {
        workspaceRoot: root,
        approver: { request: async (r) => (asked.push(r), { approved: false }) },
        applier: new FileApplier(root),
        approvalMode: 'auto-edit',
        allowedCommands: [],
        toolCallId: 's',
        externalScanner: mcpScanner(manager.connection('sast')!, 'scan'),
      };
      const clean = await invokeTool(builtinTools(), 'write_file', JSON.stringify({ path: 'ok.ts', content: 'export const a = 1;\n' }), ctx, new AbortController().signal);
      assert.equal(asked.length, 0, clean.output);
      const r = await invokeTool(builtinTools(), 'write_file', JSON.stringify({ path: 'a.ts', content: 'export const b = 2;\n// TODO_SECURITY check auth\n' }), ctx, new AbortController().signal);
      assert.equal(asked.length, 1);
      const req = asked[0];
      assert.deepEqual(req.type === 'edit' && req.findings?.map((f) => [f.ruleId, f.line]), [['sast/scan:todo-security', 2]]);
      assert.match(r.output, /sast\/scan:todo-security/);
    } finally {
      await manager.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
