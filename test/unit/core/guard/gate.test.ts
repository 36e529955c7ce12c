// The guard in the edit flow: findings go back to the model, and a high-severity finding turns
// auto-apply (auto-edit / full-auto) into an approval request that carries the findings.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';
import type { ApprovalDecision, ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ToolContext } from '../../../../src/core/tools/types';

describe('guard on proposed changes', () => {
  let root: string;
  let asked: ApprovalRequest[];
  let answer: ApprovalDecision;
  let ctx: ToolContext;
  const write = (path: string, content: string) => invokeTool(builtinTools(), 'write_file', JSON.stringify({ path, content }), ctx, new AbortController().signal);

  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'guard-')));
    asked = [];
    answer = { approved: true };
    ctx = { workspaceRoot: root, approver: { request: async (r) => (asked.push(r), answer) }, applier: new FileApplier(root), approvalMode: 'auto-edit', allowedCommands: [], toolCallId: 'g' };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const mode of ['auto-edit', 'full-auto'] as const) {
    it(`asks instead of auto-applying an SQL injection in ${mode}, with the findings on the request`, async () => {
      ctx.approvalMode = mode;
      answer = { approved: false, reason: 'use parameters' };
      const r = await write('src/users.ts', 'export const find = (id: string) => db.query("SELECT * FROM users WHERE id = " + id);\n');
      assert.equal(asked.length, 1);
      const req = asked[0];
      assert.equal(req.type === 'edit' && req.findings?.[0].ruleId, 'sql-injection');
      assert.match(r.output, /rejected[\s\S]*sql-injection \(CWE-89\)[\s\S]*parameterised/);
    });
  }

  it('applies a medium finding in full-auto and tells the model about it', async () => {
    ctx.approvalMode = 'full-auto';
    const r = await write('src/log.ts', 'export const h = (req: any) => logger.info("user " + req.body.name);\n');
    assert.equal(asked.length, 0);
    assert.match(readFileSync(join(root, 'src/log.ts'), 'utf8'), /logger\.info/);
    assert.match(r.output, /Applied[\s\S]*log-injection \(CWE-117\)/);
  });

  it('says nothing about clean code and respects switched-off rules', async () => {
    ctx.approvalMode = 'full-auto';
    assert.doesNotMatch((await write('src/ok.ts', 'export const x = 1;\n')).output, /guard/);
    ctx.guardDisabledRules = ['sql-injection'];
    const r = await write('src/q.ts', 'db.query("SELECT * FROM t WHERE id = " + id);\n');
    assert.equal(asked.length, 0);
    assert.doesNotMatch(r.output, /guard/);
  });

  it('asks when an added line runs a query built on a line the change does not touch', async () => {
    mkdirSync(join(root, 'src'));
    const before = 'export function find(id: string) {\n  const q = "SELECT * FROM users WHERE id = " + id;\n  return q;\n}\n';
    writeFileSync(join(root, 'src/users.ts'), before);
    answer = { approved: false };
    const r = await write('src/users.ts', before.replace('  return q;', '  return db.query(q);'));
    assert.equal(asked.length, 1);
    const req = asked[0];
    const f = req.type === 'edit' ? req.findings?.[0] : undefined;
    assert.deepEqual([f?.ruleId, f?.line, f?.related?.[0]?.line], ['sql-injection', 3, 2]);
    assert.match(r.output, /src\/users\.ts:3 \[high\] sql-injection \(CWE-89\)[^\n]*built on line 2/);
  });

  it('merges the MCP scanner with its own findings, once per line and class', async () => {
    ctx.approvalMode = 'full-auto';
    ctx.externalScanner = async (change) => [
      { ruleId: 'ext/sqli', cwe: 'CWE-89', severity: 'high', message: 'SQL injection', fix: '', path: change.path, line: 1, snippet: '' },
      { ruleId: 'ext/style', cwe: '', severity: 'low', message: 'long line', fix: '', path: change.path, line: 1, snippet: '' },
    ];
    answer = { approved: false };
    await write('src/q.ts', 'export const f = (id: string) => db.query("SELECT * FROM t WHERE id = " + id);\n');
    const req = asked[0];
    assert.deepEqual(req.type === 'edit' ? req.findings?.map((f) => f.ruleId) : [], ['sql-injection', 'ext/style']);
  });
});
