// The bubblewrap probe, both branches on any machine: a program that is missing and one that fails
// stand in for bwrap; the reasons say what to do. And the Sandbox built on an unavailable probe
// warns once and confines nothing.
import { strict as assert } from 'node:assert';
import { runProbe } from '../../../../src/core/sandbox/probe';
import { Sandbox } from '../../../../src/core/sandbox/sandbox';

describe('bubblewrap probe', () => {
  it('says bubblewrap is not installed when the program is missing', async () => {
    const r = await runProbe('/nonexistent/bwrap-missing');
    assert.equal(r.available, false);
    if (process.platform === 'linux') assert.match(r.reason!, /bubblewrap \(bwrap\) is not installed; install it/);
    else assert.match(r.reason!, /Linux only/);
  });

  it('says user namespaces are probably off when bwrap runs but fails', async () => {
    const r = await runProbe('false');
    assert.equal(r.available, false);
    if (process.platform === 'linux') assert.match(r.reason!, /cannot create a sandbox \(exit code 1\); unprivileged user namespaces are probably off/);
  });

  it('is available when the program runs the probe command successfully', async () => {
    // `true` ignores the arguments and exits 0, as a working bwrap would.
    const r = await runProbe('true');
    assert.equal(r.available, process.platform === 'linux');
  });

  it('an unavailable sandbox warns once, reports not confined and wraps nothing', async () => {
    const warnings: string[] = [];
    const box = new Sandbox({ mode: 'workspace-write', network: false, probe: async () => ({ available: false, reason: 'no bwrap here.' }), onUnavailable: (m) => warnings.push(m) });
    for (let i = 0; i < 3; i++) assert.equal((await box.status()).confined, false);
    assert.equal(await box.confine('/bin/sh', ['-c', 'true'], { workspaceRoot: '/w', cwd: '/w' }), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Commands cannot be sandboxed: no bwrap here\. In full-auto, Tandem will ask/);
  });

  it('mode off never probes and never warns', async () => {
    let probed = 0;
    const warnings: string[] = [];
    const box = new Sandbox({ mode: 'off', network: false, probe: async () => (probed++, { available: true }), onUnavailable: (m) => warnings.push(m) });
    assert.equal((await box.status()).confined, false);
    assert.equal(probed, 0);
    assert.equal(warnings.length, 0);
  });
});
