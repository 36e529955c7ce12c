// The audit ledger: append, a hash chain that catches edits at the right entry, a truncated last
// line reported, and concurrent appends from two processes losing nothing.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLedger, ledgerToCsv, ledgerToMarkdown, type LedgerRecord } from '../../../../src/core/audit/ledger';

const record = (n: number): LedgerRecord => ({ task: `task ${n}`, model: 'm', endpointHost: 'localhost:11434', file: `src/f${n}.ts`, kind: 'update', diff: `--- a\n+++ b\n+line ${n}\n`, approvedBy: n % 2 ? 'user' : 'policy', findings: n === 2 ? [{ ruleId: 'sql-injection', cwe: 'CWE-89', severity: 'high', line: 3 }] : [] });

describe('audit ledger', function () {
  this.timeout(30_000);
  let dir: string;
  let ledger: AuditLedger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    ledger = new AuditLedger(join(dir, '.tandem', 'ai-changes.jsonl'));
    for (let i = 1; i <= 4; i++) await ledger.append(record(i));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends entries chained by hash and verifies them', async () => {
    const entries = await ledger.entries();
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4]);
    assert.equal(entries[1].prev, entries[0].hash);
    assert.deepEqual(await ledger.verify(), { ok: true, entries: 4 });
  });

  it('finds an edited entry at its line', async () => {
    const lines = readFileSync(ledger.file, 'utf8').split('\n');
    lines[2] = lines[2].replace('"approvedBy":"user"', '"approvedBy":"policy"');
    writeFileSync(ledger.file, lines.join('\n'));
    const v = await ledger.verify();
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.line, 3);
    assert.match(!v.ok ? v.reason : '', /does not match its hash/);
  });

  it('finds a removed entry where the chain breaks', async () => {
    const lines = readFileSync(ledger.file, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(ledger.file, lines.join('\n'));
    const v = await ledger.verify();
    assert.equal(!v.ok && v.line, 2);
    assert.match(!v.ok ? v.reason : '', /does not follow/);
  });

  it('reports a truncated last line instead of dropping it, and refuses to append after it', async () => {
    const text = readFileSync(ledger.file, 'utf8');
    writeFileSync(ledger.file, text.slice(0, text.length - 20));
    const v = await ledger.verify();
    assert.deepEqual([v.ok, !v.ok && v.line, v.entries], [false, 4, 3]);
    assert.match(!v.ok ? v.reason : '', /incomplete/);
    await assert.rejects(ledger.append(record(5)), /incomplete line/);
  });

  it('loses nothing when two processes append at once', async () => {
    const file = join(dir, 'shared.jsonl');
    const run = (who: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'appendMany.ts'), file, who, '40'], { stdio: 'inherit' }).on('close', resolve));
    assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0]);
    const shared = new AuditLedger(file);
    assert.deepEqual(await shared.verify(), { ok: true, entries: 80 });
    const entries = await shared.entries();
    assert.equal(entries.filter((e) => e.file === 'a.ts').length, 40);
    assert.equal(entries.filter((e) => e.file === 'b.ts').length, 40);
  });

  it('exports Markdown and CSV', async () => {
    const entries = await ledger.entries();
    const md = ledgerToMarkdown(entries);
    assert.match(md, /## 2\. src\/f2\.ts — update/);
    assert.match(md, /sql-injection \(CWE-89\) line 3/);
    const csv = ledgerToCsv(entries).trimEnd().split('\n');
    assert.equal(csv.length, 5);
    assert.match(csv[2], /^2,.*,task 2,m,localhost:11434,src\/f2\.ts,update,policy,sql-injection@3,/);
  });
});
