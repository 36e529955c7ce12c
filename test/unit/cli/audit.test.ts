// `tandem audit verify|export` as a process, on a ledger written by the core.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLedger } from '../../../src/core/audit/ledger';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { runNode, TSX_ENTRY } from './exec.test';

describe('tandem audit (child process)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    const ledger = new AuditLedger(join(dir, '.tandem', 'ai-changes.jsonl'));
    for (const n of [1, 2, 3]) await ledger.append({ task: 'fix bug', model: 'm', file: `f${n}.ts`, kind: 'update', diff: `+${n}\n`, approvedBy: 'user', findings: [] });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies an intact log, then reports the first tampered entry with exit 1', async () => {
    const ok = await runNode(TSX_ENTRY, ['audit', 'verify', '--cwd', dir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /3 entries, hash chain intact/);
    const file = join(dir, '.tandem', 'ai-changes.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"file":"f2.ts"', '"file":"other.ts"'));
    const bad = await runNode(TSX_ENTRY, ['audit', 'verify', '--cwd', dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /broken at line 2/);
  });

  it('records the changes tandem exec applies, approved by policy in full-auto', async () => {
    const server = await ModelServer.start();
    try {
      server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'hello.txt', content: 'hi\n' } }]), chatStream('Written.'));
      const r = await runNode(TSX_ENTRY, ['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', dir, '--approval', 'full-auto', '--no-mcp', 'write hello']);
      assert.equal(r.code, 0, r.stderr);
      const entries = await new AuditLedger(join(dir, '.tandem', 'ai-changes.jsonl')).entries();
      const last = entries[entries.length - 1];
      assert.deepEqual([last.file, last.kind, last.approvedBy, last.task, last.model, last.endpointHost], ['hello.txt', 'create', 'policy', 'write hello', 'test-model', `127.0.0.1:${server.port}`]);
      assert.equal((await runNode(TSX_ENTRY, ['audit', 'verify', '--cwd', dir])).code, 0);
    } finally {
      await server.close();
    }
  });

  it('exports Markdown and CSV, and rejects bad arguments', async () => {
    assert.match((await runNode(TSX_ENTRY, ['audit', 'export', '--cwd', dir])).stdout, /# AI change log[\s\S]*## 3\. f3\.ts/);
    assert.equal((await runNode(TSX_ENTRY, ['audit', 'export', '--format', 'csv', '--cwd', dir])).stdout.trimEnd().split('\n').length, 4);
    const bad = await runNode(TSX_ENTRY, ['audit', 'shred']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown audit action "shred"/);
  });
});
