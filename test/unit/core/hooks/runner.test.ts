// One hook process: its JSON on stdin, a hook that never reads stdin (a large input must not fail
// the run), a hook that leaves a child behind (ended with it), output capped and keys masked.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHookCommand } from '../../../../src/core/hooks/runner';
import { exitsWithin } from '../../../fixtures/processes';

describe('hook runner', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-hookrun-')))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));
  const opts = (extra = {}) => ({ cwd: dir, timeoutMs: 10_000, env: process.env, ...extra });
  const signal = () => new AbortController().signal;

  it('passes the input as JSON on stdin and returns exit code, stdout and stderr', async () => {
    const r = await runHookCommand('cat; echo oops >&2; exit 3', { a: 1, s: 'ü' }, opts(), signal());
    assert.equal(r.exitCode, 3);
    assert.deepEqual(JSON.parse(r.stdout), { a: 1, s: 'ü' });
    assert.equal(r.stderr.trim(), 'oops');
  });

  it('survives a hook that exits without reading a large stdin', async () => {
    const r = await runHookCommand('exit 0', { big: 'x'.repeat(2_000_000) }, opts(), signal());
    assert.equal(r.exitCode, 0);
  });

  it('ends a child the hook left running in the background', async () => {
    const r = await runHookCommand(`sleep 60 & echo $! > ${dir}/child; exit 0`, {}, opts(), signal());
    assert.equal(r.exitCode, 0);
    const pid = Number(await fs.readFile(path.join(dir, 'child'), 'utf8'));
    assert.equal(await exitsWithin(pid), true);
  });

  it('is killed when cancelled, and says so', async () => {
    const ac = new AbortController();
    const p = runHookCommand('echo started; sleep 60', {}, opts(), ac.signal);
    ac.abort();
    const r = await p;
    assert.equal(r.cancelled, true);
    assert.equal(r.exitCode, null);
  });

  it('caps its output and masks the values of secret variables it prints', async () => {
    const env = { ...process.env, MY_TOKEN: 'tok-abcdefghijklmnop' };
    const r = await runHookCommand('echo "token tok-abcdefghijklmnop"; head -c 50000 /dev/zero | tr "\\0" a', {}, opts({ env, envExtra: ['MY_TOKEN'], maxOutput: 1000 }), signal());
    assert.ok(!r.stdout.includes('tok-abcdefghijklmnop'), r.stdout.slice(0, 200));
    assert.ok(r.stdout.length < 1200);
    assert.match(r.stdout, /more characters left out/);
  });
});
