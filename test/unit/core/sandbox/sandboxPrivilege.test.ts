// The sandbox as root (CI, devcontainers) AND as an unprivileged user: the same attacker commands
// (test/fixtures/sandbox/confinedProbe.ts) run in a child process as each; where bubblewrap cannot
// start for a user, full-auto must ask instead of running unconfined (both branches are checked).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const PROBE = path.join(REPO, 'test/fixtures/sandbox/confinedProbe.ts');
const NOBODY = 65534;

function probeAs(uid: number | undefined): Record<string, unknown> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sbx-user-'));
  chmodSync(tmp, 0o777);
  try {
    const node = [process.execPath, '--import', 'tsx', PROBE];
    // Root drops to an unprivileged user with setpriv (util-linux); a non-root run is unprivileged already.
    const argv = uid === undefined ? node : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...node];
    const r = spawnSync(argv[0], argv.slice(1), { cwd: REPO, env: { PATH: process.env.PATH, HOME: tmp, TMPDIR: tmp }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `probe failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function checkConfined(o: Record<string, unknown>): void {
  assert.equal(o.capEff, 'CapEff:0000000000000000', 'no capability inside');
  assert.equal(o.umount, '', 'the hidden ~/.ssh cannot be unmounted, / not remounted writable, /usr not written');
  assert.equal(o.session, 'own-session', '--new-session');
  assert.equal(o.env, '0', 'a secret file of the workspace is empty inside');
  assert.equal(o.protectedCreated, '', 'exec-on-open paths that did not exist cannot be created (.envrc, .vscode/tasks.json, .github/workflows)');
  assert.equal(o.leftOnHost, '.env', 'the placeholders are gone after the run');
}

describe('sandbox as root and as an unprivileged user', function () {
  this.timeout(120_000);
  const root = process.getuid?.() === 0;

  it(`as ${root ? 'root' : 'this (unprivileged) user'}: confined with no capabilities, or full-auto asks`, () => {
    const o = probeAs(undefined);
    if (o.confined) checkConfined(o);
    else assert.equal(o.fullAuto, 'ask');
  });

  it('as an unprivileged user: confined the same way, or full-auto asks', function () {
    const o = probeAs(root ? NOBODY : undefined);
    assert.equal(o.uid, root ? NOBODY : process.getuid?.());
    if (o.confined) checkConfined(o);
    else assert.equal(o.fullAuto, 'ask');
  });
});
