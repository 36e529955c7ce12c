// `tandem audit verify|export|anchor` as a process, on logs written by `tandem exec` against the
// scripted model with a temp config dir: every tamper kind exits 1 with its sentence and entry number.
import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { readEntries, rechain, TAMPERS, writeEntries } from '../core/audit/tamper';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';

describe('tandem audit (child process)', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let base: string;
  let dir: string;
  let config: string;
  let file: string;
  const env = () => ({ XDG_CONFIG_HOME: config });
  const verify = (extra: string[] = []) => runTandem(['audit', 'verify', '--cwd', dir, ...extra], env());
  /** One `tandem exec` run in full-auto that writes src/f1.ts … src/fN.ts (one log entry each). */
  const execWrites = async (from: number, to: number) => {
    const calls = [];
    for (let n = from; n <= to; n++) calls.push({ id: `w${n}`, name: 'write_file', arguments: { path: `src/f${n}.ts`, content: `export const n = ${n};\n` } });
    server.enqueue(CHAT, chatToolCallStream(calls), chatStream('Written.'));
    return runTandem(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', dir, '--approval', 'full-auto', '--no-mcp', 'write the files'], env());
  };

  before(async () => {
    server = await ModelServer.start();
    base = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    dir = join(base, 'ws');
    config = join(base, 'config');
    file = join(dir, '.tandem', 'ai-changes.jsonl');
    mkdirSync(dir);
    const r = await execWrites(1, 4);
    assert.equal(r.code, 0, r.stderr);
    cpSync(base, `${base}.pristine`, { recursive: true });
  });
  // Every test starts from the log and config dir exactly as `tandem exec` left them.
  beforeEach(() => {
    rmSync(base, { recursive: true, force: true });
    cpSync(`${base}.pristine`, base, { recursive: true });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
    rmSync(`${base}.pristine`, { recursive: true, force: true });
  });

  it('records what tandem exec applies, signed, and verifies it', async () => {
    const entries = readEntries(file);
    assert.deepEqual(entries.map((e) => [e.file, e.kind, e.approvedBy, e.task, e.model]), [1, 2, 3, 4].map((n) => [`src/f${n}.ts`, 'create', 'policy', 'write the files', 'test-model']));
    assert.ok(entries.every((e) => e.keyId && e.mac));
    assert.equal(entries[0].endpointHost, `127.0.0.1:${server.port}`);
    const ok = await verify();
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /4 entries, hash chain intact, signatures and head record match/);
    assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(readFileSync(join(config, 'tandem', 'audit-key'), 'utf8').trim()), 'the key never enters the workspace');
  });

  for (const t of TAMPERS) {
    it(`exits 1 on ${t.name}, naming entry ${t.line}`, async () => {
      t.apply(file);
      const r = await verify();
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`${t.unverifiable ? 'cannot be verified' : 'broken'} at entry ${t.line} `));
      assert.match(r.stdout, t.reason);
    });
  }

  it('refuses to record on top of removed entries, says so, and records again once the log is anchored', async () => {
    writeEntries(file, readEntries(file).slice(0, 2));
    const refused = await execWrites(5, 5);
    assert.equal(refused.code, 0, refused.stderr);
    assert.equal(readEntries(file).length, 2, 'nothing was appended to the truncated log');
    const req = server.requestsTo(CHAT).at(-1)!;
    const toolResult = req.body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolResult.content, /applied but not recorded in the audit log: The AI change log .* no longer matches its head record/);
    const anchored = await runTandem(['audit', 'anchor', '--cwd', dir], env());
    assert.equal(anchored.code, 0, anchored.stderr);
    assert.match(anchored.stdout, /head record now covers its 2 entries/);
    assert.equal((await execWrites(6, 6)).code, 0);
    const after = await verify();
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, /3 entries/);
  });

  it('calls entries another user added unverifiable, not broken, with the entry number', async () => {
    const mine = config;
    config = join(base, 'other-user');
    try {
      assert.equal((await execWrites(5, 5)).code, 0);
    } finally {
      config = mine;
    }
    const r = await verify();
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /cannot be verified at entry 5 \(after 4 good entries\)\. Entry 5 is signed by key [0-9a-f]{16}, which is not one of your keys: it is unverifiable here \(written by another user or on another machine\), or it was forged\./);
  });

  it('refuses a key file other users can read, saying how to fix it', async () => {
    const key = join(config, 'tandem', 'audit-key');
    chmodSync(key, 0o644);
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`The audit key file ${key} can be read or changed by other users \\(mode 0644\\).*Run "chmod 600 ${key}"`));
  });

  it('verifies a log written before signing with a note', async () => {
    writeEntries(join(dir, 'old.jsonl'), rechain(readEntries(file), 1, 'strip'));
    const r = await verify(['--file', 'old.jsonl']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /note: Entries 1–4 predate signing/);
  });

  it('exports Markdown and CSV, and rejects bad arguments', async () => {
    assert.match((await runTandem(['audit', 'export', '--cwd', dir], env())).stdout, /# AI change log[\s\S]*## 4\. src\/f4\.ts/);
    assert.equal((await runTandem(['audit', 'export', '--format', 'csv', '--cwd', dir], env())).stdout.trimEnd().split('\n').length, 5);
    const bad = await runTandem(['audit', 'shred'], env());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown audit action "shred"/);
  });
});
