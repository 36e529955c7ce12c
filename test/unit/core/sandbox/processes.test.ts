// Commands end when they should: a timeout or a cancel ends every process the command started —
// children that called setsid, double-forked daemons whose parent already exited — with the sandbox
// (the PID namespace dies with bwrap) and without it (the process tree read from /proc).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { probeBubblewrap } from '../../../../src/core/sandbox/probe';
import { Sandbox } from '../../../../src/core/sandbox/sandbox';
import { runShell, type ShellResult } from '../../../../src/core/tools/shell';
import { exitsWithin } from '../../../fixtures/processes';

/** Host pids of `sleep <arg>` processes (the marker argument makes them unique to one case). */
function sleepers(arg: string): number[] {
  const out: number[] = [];
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      if (readFileSync(`/proc/${n}/cmdline`, 'utf8') === `sleep\0${arg}\0`) out.push(Number(n));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** A detached process appears shortly after the shell printed "started"; /proc is checked a bounded number of times. */
async function sleeperWithin(arg: string, ms = 3000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = sleepers(arg);
    if (found.length) return found[0];
    if (Date.now() > deadline) throw new Error(`no process "sleep ${arg}" appeared`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const detachers: Array<[string, (arg: string) => string]> = [
  ['a setsid child', (a) => `setsid sleep ${a} > /dev/null 2>&1 & echo started; sleep 1000`],
  ['a setsid child of a setsid child', (a) => `setsid sh -c "setsid sleep ${a} > /dev/null 2>&1 & sleep 1000" & echo started; wait`],
  ['a double-forked setsid daemon whose parent exited', (a) => `(setsid sleep ${a} > /dev/null 2>&1 &); echo started; sleep 1000`],
  ['a nohup child ignoring SIGHUP', (a) => `nohup sleep ${a} > /dev/null 2>&1 & echo started; sleep 1000`],
];

describe('commands end on timeout and cancel, detached children included', function () {
  this.timeout(20_000);
  let root: string;
  let n = 0;
  before(async () => {
    root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'procs-')));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const branches: Array<[string, () => Promise<Sandbox | undefined>]> = [
    [
      'in the sandbox',
      async () => {
        const probe = await probeBubblewrap();
        assert.equal(probe.available, true, `This branch needs a working bubblewrap: ${probe.reason}`);
        return new Sandbox({ mode: 'workspace-write', network: false });
      },
    ],
    ['without a sandbox', async () => undefined],
  ];
  for (const [branch, makeSandbox] of branches) {
    for (const [what, command] of detachers) {
      for (const how of ['timeout', 'cancel'] as const) {
        it(`${branch}: ${how} ends ${what}`, async () => {
          const sandbox = await makeSandbox();
          const arg = `1000.${process.pid}${++n}`;
          const ac = new AbortController();
          let pid: Promise<number> | undefined;
          const r: ShellResult = await runShell(
            command(arg),
            {
              cwd: root,
              timeoutMs: how === 'timeout' ? 1000 : 60_000,
              sandbox,
              workspaceRoot: root,
              onOutput: (chunk) => {
                if (!chunk.includes('started') || pid) return;
                pid = sleeperWithin(arg);
                if (how === 'cancel') void pid.then(() => ac.abort(), () => ac.abort());
              },
            },
            ac.signal,
          );
          assert.equal(how === 'timeout' ? r.timedOut : r.cancelled, true);
          assert.equal(r.confined, Boolean(sandbox));
          assert.ok(pid, 'the command started');
          assert.equal(await exitsWithin(await pid, 5000), true, `the detached "sleep ${arg}" is gone`);
        });
      }
    }
  }

  // Stop pressed while bwrap is still setting the sandbox up: bwrap dies of the signal before its child
  // is bound to it, and that child would go on to run the command and hold the pipes open until the
  // command ended by itself (seen as a Stop that took the whole `sleep`). Cancels at several moments
  // of the start-up; every run must end now, and leave no process of its own behind.
  it('in the sandbox: a cancel during the sandbox start-up still ends the command and everything it started', async function () {
    this.timeout(60_000);
    const probe = await probeBubblewrap();
    assert.equal(probe.available, true, `This case needs a working bubblewrap: ${probe.reason}`);
    const sandbox = new Sandbox({ mode: 'workspace-write', network: false });
    for (let step = 0; step < 12; step++) {
      const arg = `1000.${process.pid}${++n}`;
      const ac = new AbortController();
      const run = runShell(`sleep ${arg}`, { cwd: root, timeoutMs: 600_000, sandbox, workspaceRoot: root }, ac.signal);
      // setImmediate turns, not a clock: each case aborts a few event-loop turns later than the one before.
      for (let i = 0; i < step * 3; i++) await new Promise((r) => setImmediate(r));
      ac.abort();
      const r = await run;
      assert.equal(r.cancelled, true);
      for (const pid of sleepers(arg)) assert.equal(await exitsWithin(pid, 5000), true, `"sleep ${arg}" is gone`);
    }
  });
});
