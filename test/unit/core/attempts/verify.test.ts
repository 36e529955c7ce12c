// An attempt's test output is shown on the terminal, in --json and in the panel: it passes the secret
// redactor first — values of the user's workspace .env (the copy may leave it out), of the copy's own,
// of secret-named environment variables, raw and base64-encoded. A real command, no sandbox.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyAttempt } from '../../../../src/core/attempts/verify';

describe('attempt verification output', () => {
  let ws: string;
  let copy: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'verify-ws-'));
    copy = mkdtempSync(path.join(tmpdir(), 'verify-copy-'));
    writeFileSync(path.join(ws, '.env'), 'DB_PASSWORD=workspace-only-secret-4711\n');
    writeFileSync(path.join(copy, '.env.test'), 'STRIPE_KEY=copy-secret-value-0815\n');
  });
  afterEach(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  it('masks secret values in the kept output, raw and base64', async () => {
    const values = ['workspace-only-secret-4711', 'copy-secret-value-0815', 'env-token-value-99887766'];
    const command = `${values.map((v) => `echo ${v}; printf %s ${v} | base64`).join('; ')}; echo done; exit 1`;
    const r = await verifyAttempt(copy, { command, timeoutMs: 20_000, workspaceRoot: ws, env: { PATH: process.env.PATH, SERVICE_API_TOKEN: values[2] } }, new AbortController().signal);
    assert.equal(r.passed, false);
    assert.match(r.outputTail, /done/);
    for (const v of values) {
      assert.ok(!r.outputTail.includes(v), `${v} in ${r.outputTail}`);
      assert.ok(!r.outputTail.includes(Buffer.from(v).toString('base64')), `base64 of ${v}`);
    }
    assert.match(r.outputTail, /\[REDACTED [^\]]*DB_PASSWORD[^\]]*\]/);
  });
});
