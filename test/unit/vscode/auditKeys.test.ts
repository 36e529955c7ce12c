// The editor's audit keys, in plain Node with an in-memory SecretStorage: it signs with the CLI's key
// file, keeps a copy of every key it uses, restores a deleted key file from that copy, and still
// verifies entries signed by a key file that was replaced since.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { userAnchor } from '../../../src/core/audit/heads';
import { AuditLedger } from '../../../src/core/audit/ledger';
import { editorAnchor } from '../../../src/vscode/audit/auditKeys';

function memorySecrets(): vscode.SecretStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (k: string) => values.get(k),
    store: async (k: string, v: string) => void values.set(k, v),
    delete: async (k: string) => void values.delete(k),
    keys: async () => [...values.keys()],
    onDidChange: () => ({ dispose: () => undefined }),
  } as unknown as vscode.SecretStorage & { values: Map<string, string> };
}

const change = (n: number) => ({ file: `f${n}.ts`, kind: 'update', diff: `+${n}\n`, approvedBy: 'user' as const, findings: [] });

describe('editor audit keys', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-keys-'));
    env = { XDG_CONFIG_HOME: join(dir, 'config') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies what the CLI signed, and the CLI verifies what the editor signed', async () => {
    const file = join(dir, 'log.jsonl');
    await new AuditLedger(file, userAnchor(env)).append(change(1));
    const editor = new AuditLedger(file, editorAnchor(memorySecrets(), env));
    await editor.append(change(2));
    assert.deepEqual(await editor.verify(), { ok: true, entries: 2, notes: [] });
    assert.deepEqual(await new AuditLedger(file, userAnchor(env)).verify(), { ok: true, entries: 2, notes: [] });
  });

  it('restores a deleted key file from its SecretStorage copy, so signing goes on with the same key', async () => {
    const secrets = memorySecrets();
    const file = join(dir, 'log.jsonl');
    // One editor session throughout: it must notice the file is gone, not sign from memory.
    const session = new AuditLedger(file, editorAnchor(secrets, env));
    await session.append(change(1));
    const keyFile = userAnchor(env).keys.file;
    const before = readFileSync(keyFile, 'utf8');
    assert.ok([...secrets.values.values()][0].includes(before.trim()), 'the key was copied into SecretStorage');
    rmSync(keyFile);
    await session.append(change(2));
    assert.equal(readFileSync(keyFile, 'utf8'), before);
    assert.deepEqual(await new AuditLedger(file, userAnchor(env)).verify(), { ok: true, entries: 2, notes: [] });
  });

  it('still verifies entries signed by a key file that was replaced since', async () => {
    const secrets = memorySecrets();
    const file = join(dir, 'log.jsonl');
    await new AuditLedger(file, editorAnchor(secrets, env)).append(change(1));
    writeFileSync(userAnchor(env).keys.file, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const v = await new AuditLedger(file, editorAnchor(secrets, env)).verify();
    // The head record was signed by the old key too; both are known to the editor.
    assert.deepEqual(v, { ok: true, entries: 1, notes: [] });
    const cli = await new AuditLedger(file, userAnchor(env)).verify();
    assert.equal(cli.ok, false);
    assert.equal(!cli.ok && cli.unverifiable, true);
  });
});
