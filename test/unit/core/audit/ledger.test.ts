// The audit ledger: signed, chained entries anchored by a head record outside the workspace. Every
// tamper kind is reported with its sentence and entry number; logs without MACs or without a head record fail;
// another user's entries are unverifiable, not broken; the key file is 0600 or refused; two
// processes appending at once lose nothing and still verify.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHash, GENESIS, sha256, type LedgerEntry } from '../../../../src/core/audit/entry';
import { canonicalLedgerPath, HeadDir, userAnchor, type AuditAnchor } from '../../../../src/core/audit/heads';
import { AuditLedger, ledgerToCsv, ledgerToMarkdown, type LedgerRecord } from '../../../../src/core/audit/ledger';
import { KeyFile } from '../../../../src/core/audit/signing';
import { readEntries, rechain, TAMPERS, writeEntries } from './tamper';

const record = (n: number): LedgerRecord => ({ task: `task ${n}`, model: 'm', endpointHost: 'localhost:11434', file: `src/f${n}.ts`, kind: 'update', diff: `--- a\n+++ b\n+line ${n}\n`, approvedBy: n % 2 ? 'user' : 'policy', findings: n === 2 ? [{ ruleId: 'sql-injection', cwe: 'CWE-89', severity: 'high', line: 3 }] : [] });

/** A log as Tandem wrote it before signing: chained, no keyId, no MAC, no head record. */
function writeUnsignedLog(file: string, n: number): void {
  const out: LedgerEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const r = record(i);
    const body = { seq: i, time: '2026-01-01T00:00:00.000Z', ...r, diffHash: sha256(r.diff), prev: out[i - 2]?.hash ?? GENESIS };
    out.push({ ...body, hash: entryHash(body) });
  }
  writeEntries(file, out);
}

describe('audit ledger', function () {
  this.timeout(30_000);
  let dir: string;
  let config: string;
  let anchor: AuditAnchor;
  let ledger: AuditLedger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    config = join(dir, 'config');
    anchor = userAnchor({ XDG_CONFIG_HOME: config });
    ledger = new AuditLedger(join(dir, 'ws', '.tandem', 'ai-changes.jsonl'), anchor);
    for (let i = 1; i <= 4; i++) await ledger.append(record(i));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends entries chained by hash, signed by the user key, and verifies them', async () => {
    const entries = await ledger.entries();
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4]);
    assert.equal(entries[1].prev, entries[0].hash);
    const key = await anchor.keys.signingKey();
    assert.ok(entries.every((e) => e.keyId === key.id && /^[0-9a-f]{64}$/.test(e.mac!)));
    assert.deepEqual(await ledger.verify(), { ok: true, entries: 4, notes: [] });
  });

  it('keeps the key in a 0600 file and the head record under the config dir, not in the workspace', async () => {
    const keyFile = join(config, 'tandem', 'audit-key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const head = await anchor.heads.read(await canonicalLedgerPath(ledger.file));
    assert.deepEqual([head?.count, head?.lastHash], [4, (await ledger.entries())[3].hash]);
    assert.ok((anchor.heads as HeadDir).fileFor(head!.ledger).startsWith(join(config, 'tandem', 'audit-heads')));
  });

  for (const t of TAMPERS) {
    it(`reports ${t.name} at entry ${t.line}`, async () => {
      t.apply(ledger.file);
      const v = await ledger.verify();
      assert.equal(v.ok, false, `verified as intact after ${t.name}`);
      if (v.ok) return;
      assert.equal(v.line, t.line);
      assert.match(v.reason, t.reason);
      assert.equal(v.unverifiable === true, t.unverifiable === true);
    });
  }

  it('refuses to append after entries were removed, until the log is anchored again', async () => {
    writeEntries(ledger.file, readEntries(ledger.file).slice(0, 2));
    await assert.rejects(ledger.append(record(5)), /no longer matches its head record \(it has 2 entries, the record says 4\).*tandem audit anchor/);
    assert.equal(readEntries(ledger.file).length, 2, 'the refused append wrote nothing');
    assert.equal(await ledger.anchorHere(), 2);
    await ledger.append(record(5));
    assert.deepEqual(await ledger.verify(), { ok: true, entries: 3, notes: [] });
  });

  it('refuses to append after a same-length rewrite of the log, and verify still reports the rewrite', async () => {
    const original = readFileSync(ledger.file, 'utf8');
    const rewrites: Array<[string, (es: LedgerEntry[]) => LedgerEntry[]]> = [
      ['re-signed from entry 2 with another key', (es) => rechain(es, 2, Buffer.alloc(32, 9))],
      ['every signature stripped', (es) => rechain(es, 1, 'strip')],
      ['the last entry replaced, re-signed with another key', (es) => rechain(es.map((e, i) => (i === 3 ? { ...e, file: 'src/other.ts' } : e)), 4, Buffer.alloc(32, 9))],
    ];
    for (const [name, rewrite] of rewrites) {
      writeFileSync(ledger.file, original);
      writeEntries(ledger.file, rewrite(readEntries(ledger.file)));
      assert.equal(readEntries(ledger.file).length, 4, name);
      const rewritten = readFileSync(ledger.file, 'utf8');
      await assert.rejects(ledger.append(record(5)), /no longer matches its head record \(entry 4 is not the one the record names: the log was rewritten\)/, name);
      assert.equal(readFileSync(ledger.file, 'utf8'), rewritten, `${name}: the refused append wrote nothing`);
      assert.equal((await ledger.verify()).ok, false, `${name}: verify`);
    }
  });

  it('refuses to append after a truncated last line', async () => {
    writeFileSync(ledger.file, readFileSync(ledger.file, 'utf8').slice(0, -20));
    await assert.rejects(ledger.append(record(5)), /incomplete line/);
  });

  // Changed deliberately (issue 22): an unsigned log used to pass with a note; anyone could have written it.
  it('fails a log without MACs (written before signing, or shipped with a repository), even with entries added to it', async () => {
    const old = new AuditLedger(join(dir, 'old', 'log.jsonl'), anchor);
    mkdirSync(join(dir, 'old'));
    writeUnsignedLog(old.file, 3);
    const v = await old.verify();
    assert.deepEqual(v.ok ? undefined : [v.line, v.entries], [1, 0]);
    assert.match(v.ok ? '' : v.reason, /Entry 1 is not signed: anyone could have written it .*Move the log aside/);
    await old.append(record(4));
    assert.equal((await old.verify()).ok, false, 'a signed entry on top does not vouch for the unsigned ones');
  });

  it('calls entries signed by another user unverifiable, not broken', async () => {
    const other = userAnchor({ XDG_CONFIG_HOME: join(dir, 'other-user') });
    const theirs = new AuditLedger(join(dir, 'shared', 'log.jsonl'), other);
    await theirs.append(record(1));
    const v = await new AuditLedger(theirs.file, anchor).verify();
    assert.equal(v.ok, false);
    assert.deepEqual(v.ok ? undefined : [v.line, v.unverifiable], [1, true]);
    assert.match(v.ok ? '' : v.reason, /signed by key [0-9a-f]{16}, which is not one of your keys: it is unverifiable here \(written by another user or on another machine\)/);
  });

  it('notes entries the head record does not cover yet (a writer stopped between line and record)', async () => {
    const canonical = await canonicalLedgerPath(ledger.file);
    const head = (await anchor.heads.read(canonical))!;
    await ledger.append(record(5));
    await anchor.heads.write(canonical, head);
    assert.deepEqual(await ledger.verify(), { ok: true, entries: 5, notes: ['Entry 5 is not yet covered by the head record (a write was interrupted, or another user added it).'] });
  });

  it('reports a head record changed outside Tandem, and one copied from another log', async () => {
    const canonical = await canonicalLedgerPath(ledger.file);
    const head = (await anchor.heads.read(canonical))!;
    await anchor.heads.write(canonical, { ...head, count: 2, lastHash: readEntries(ledger.file)[1].hash });
    assert.match(((await ledger.verify()) as { reason: string }).reason, /head record of this log has a wrong signature/);
    const other = new AuditLedger(join(dir, 'other', 'log.jsonl'), anchor);
    await other.append(record(1));
    await anchor.heads.write(canonical, (await anchor.heads.read(await canonicalLedgerPath(other.file)))!);
    assert.match(((await ledger.verify()) as { reason: string }).reason, /changed or copied outside Tandem/);
  });

  // Changed deliberately (issue 22): a missing head record used to pass with a note.
  it('fails a log that has no head record (deleted, or the log moved), until the user anchors it', async () => {
    const moved = new AuditLedger(join(dir, 'moved.jsonl'), anchor);
    writeFileSync(moved.file, readFileSync(ledger.file));
    rmSync((anchor.heads as HeadDir).fileFor(await canonicalLedgerPath(ledger.file)));
    for (const l of [moved, ledger]) {
      const v = await l.verify();
      assert.deepEqual(v.ok ? undefined : [v.line, v.entries], [5, 4], l.file);
      assert.match(v.ok ? '' : v.reason, /There is no head record for this log at this path .* entries removed after entry 4 cannot be ruled out\. .*tandem audit anchor/);
    }
    assert.equal(await moved.anchorHere(), 4);
    assert.deepEqual(await moved.verify(), { ok: true, entries: 4, notes: [] });
  });

  it('fails closed before a change: a log replaced by garbage, emptied, deleted mid-task or not writable', async () => {
    await ledger.check();
    const garbage: Array<[string, (f: string) => void, RegExp]> = [
      ['replaced by a JSON line that is no entry', (f) => writeFileSync(f, '{"seq":1}\n'), /no longer matches its head record/],
      ['replaced by text', (f) => writeFileSync(f, 'garbage\n'), /no longer matches its head record/],
      ['deleted', (f) => rmSync(f), /it has 0 entries, the record says 4/],
      ['replaced by a folder', (f) => (rmSync(f), mkdirSync(f)), /is a folder, not a file/],
    ];
    for (const [name, apply, reason] of garbage) {
      const before = readFileSync(ledger.file);
      apply(ledger.file);
      await assert.rejects(ledger.check(), reason, name);
      await assert.rejects(ledger.append(record(5)), reason, name);
      rmSync(ledger.file, { recursive: true, force: true });
      writeFileSync(ledger.file, before);
    }
    // Without a head record (a fresh log a repository shipped), a last line that is no entry is refused too.
    const shipped = new AuditLedger(join(dir, 'shipped', 'log.jsonl'), anchor);
    mkdirSync(join(dir, 'shipped'));
    for (const text of ['{"seq":7,"hash":"abc"}\n', 'null\n', '[1,2]\n']) {
      writeFileSync(shipped.file, text);
      await assert.rejects(shipped.check(), /last line of the AI change log .* is not an entry Tandem wrote/, text);
    }
    await ledger.check();
  });

  it('finds the same head record through a symlinked or relative path', async () => {
    symlinkSync(join(dir, 'ws'), join(dir, 'link'));
    writeEntries(ledger.file, readEntries(ledger.file).slice(0, 3));
    for (const p of [join(dir, 'link', '.tandem', 'ai-changes.jsonl'), join(dir, 'ws', '.tandem', '..', '.tandem', 'ai-changes.jsonl')]) {
      const v = await new AuditLedger(p, anchor).verify();
      assert.match(v.ok ? 'intact' : v.reason, /entry 4 was removed/, p);
    }
  });

  it('refuses to write the log through a symbolic link that leaves the workspace', async () => {
    const outside = join(dir, 'bashrc');
    writeFileSync(outside, 'export PATH=/usr/bin\n');
    const ws = join(dir, 'evil');
    mkdirSync(join(ws, 'real'), { recursive: true });
    symlinkSync(outside, join(ws, 'real', 'log.jsonl'));
    symlinkSync(dir, join(ws, '.tandem'));
    symlinkSync('../../bashrc', join(ws, 'real', 'relative.jsonl'));
    const cases: Array<[string, string | undefined]> = [
      [join(ws, 'real', 'log.jsonl'), ws],
      [join(ws, 'real', 'log.jsonl'), undefined],
      [join(ws, '.tandem', 'bashrc'), ws],
      [join(ws, 'real', 'relative.jsonl'), ws],
      [join(ws, 'real', '..', '.tandem', 'bashrc'), ws],
    ];
    for (const [p, root] of cases) {
      await assert.rejects(new AuditLedger(p, anchor, { workspaceRoot: root }).append(record(1)), /through a symbolic link; Tandem does not write the log through links/, `${p} (root ${root})`);
    }
    assert.equal(readFileSync(outside, 'utf8'), 'export PATH=/usr/bin\n');
    // A workspace reached through a link, and a link that stays inside, are fine.
    symlinkSync(ws, join(dir, 'ws-link'));
    symlinkSync('real', join(ws, 'inner'));
    await new AuditLedger(join(dir, 'ws-link', 'inner', 'ok.jsonl'), anchor, { workspaceRoot: join(dir, 'ws-link') }).append(record(1));
    assert.equal(readEntries(join(ws, 'real', 'ok.jsonl')).length, 1);
  });

  it('refuses a key file other users can read, except where permission bits mean nothing', async () => {
    const keyFile = join(config, 'tandem', 'audit-key');
    chmodSync(keyFile, 0o644);
    const unix = new AuditLedger(ledger.file, { keys: new KeyFile(keyFile, 'linux'), heads: anchor.heads });
    await assert.rejects(unix.append(record(5)), new RegExp(`can be read or changed by other users \\(mode 0644\\).*chmod 600 ${keyFile}`));
    await assert.rejects(unix.verify(), /chmod 600/);
    const windows = new AuditLedger(ledger.file, { keys: new KeyFile(keyFile, 'win32'), heads: anchor.heads });
    assert.equal((await windows.verify()).ok, true);
  });

  it('refuses a key file with any group or other permission bit (0640 included), and writes nothing', async () => {
    const keyFile = join(config, 'tandem', 'audit-key');
    const unix = new AuditLedger(ledger.file, { keys: new KeyFile(keyFile, 'linux'), heads: anchor.heads });
    for (const mode of [0o640, 0o620, 0o610, 0o604, 0o602, 0o601, 0o660, 0o700]) {
      chmodSync(keyFile, mode);
      const before = readFileSync(ledger.file, 'utf8');
      const refused = mode !== 0o700;
      if (refused) {
        const shown = mode.toString(8).padStart(4, '0');
        await assert.rejects(unix.append(record(5)), new RegExp(`other users \\(mode ${shown}\\)`), shown);
        await assert.rejects(unix.check(), /chmod 600/, shown);
        await assert.rejects(unix.verify(), /chmod 600/, shown);
        assert.equal(readFileSync(ledger.file, 'utf8'), before);
      } else {
        await unix.check();
      }
    }
  });

  it('refuses a key file that holds no key, saying what to do', async () => {
    const keyFile = join(dir, 'bad-key');
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
    await assert.rejects(new KeyFile(keyFile).signingKey(), /does not hold a Tandem key \(64 hex digits\)\. Move it aside/);
  });

  it('loses nothing when two processes append at once, by different paths, both racing to create the key', async () => {
    mkdirSync(join(dir, 'shared'));
    symlinkSync(join(dir, 'shared'), join(dir, 'shared-link'));
    const file = join(dir, 'shared', 'log.jsonl');
    const fresh = join(dir, 'fresh-config');
    const children = [
      ['a', file],
      ['b', join(dir, 'shared-link', 'log.jsonl')],
    ].map(([who, through]) => spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'appendMany.ts'), through, who, '40'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: fresh } }));
    const exited = children.map((c) => new Promise<number | null>((resolve) => c.on('close', resolve)));
    // Both start appending only once both are loaded, so their appends really interleave.
    await Promise.all(children.map((c) => new Promise((resolve) => c.stdout!.once('data', resolve))));
    for (const c of children) c.stdin!.end('go\n');
    assert.deepEqual(await Promise.all(exited), [0, 0]);
    const shared = new AuditLedger(file, userAnchor({ XDG_CONFIG_HOME: fresh }));
    assert.deepEqual(await shared.verify(), { ok: true, entries: 80, notes: [] });
    const entries = await shared.entries();
    assert.equal(entries.filter((e) => e.file === 'a.ts').length, 40);
    assert.equal(entries.filter((e) => e.file === 'b.ts').length, 40);
    assert.equal(new Set(entries.map((e) => e.keyId)).size, 1);
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
