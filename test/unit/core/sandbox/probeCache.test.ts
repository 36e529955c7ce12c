// The sandbox probe's on-disk cache: probed once per machine, Tandem version and bubblewrap; asked
// again when the bwrap PATH finds changes (another file, a new size or mtime), when it appears or
// disappears, and for another Tandem version; a damaged cache file only costs a probe. Stand-in
// programs on a private PATH play bubblewrap; the probe itself is counted.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cachedProbe, type ProbeResult } from '../../../../src/core/sandbox/probe';

describe('sandbox probe cache', () => {
  let dir: string;
  let bin: string;
  let file: string;
  let runs: string[];
  const probe = (o: { version?: string; PATH?: string } = {}) =>
    cachedProbe({
      file,
      version: o.version ?? '1.0.0',
      env: { PATH: o.PATH ?? bin },
      run: async (program): Promise<ProbeResult> => {
        runs.push(program);
        return { available: true };
      },
    });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-probe-cache-'));
    bin = path.join(dir, 'bin');
    await fs.mkdir(bin);
    await fs.writeFile(path.join(bin, 'bwrap'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    file = path.join(dir, 'cache', 'sandbox-probe.json');
    runs = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('probes once, then answers from the cache (kept private)', async () => {
    assert.deepEqual(await probe(), { available: true });
    assert.deepEqual(await probe(), { available: true });
    assert.equal(runs.length, 1);
    assert.equal((await fs.stat(file)).mode & 0o077, 0);
    assert.equal((await fs.stat(path.dirname(file))).mode & 0o077, 0);
  });

  it('probes again when bwrap is replaced, touched or grows', async () => {
    await probe();
    await fs.writeFile(path.join(bin, 'bwrap'), '#!/bin/sh\nexit 0\n# a new build\n');
    await probe();
    const later = new Date(Date.now() + 60_000);
    await fs.utimes(path.join(bin, 'bwrap'), later, later);
    await probe();
    assert.equal(runs.length, 3);
  });

  it('probes again when PATH finds another bwrap, when it appears and when it disappears', async () => {
    const other = path.join(dir, 'other');
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, 'bwrap'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const empty = path.join(dir, 'empty');
    await fs.mkdir(empty);
    await probe();
    await probe({ PATH: `${other}${path.delimiter}${bin}` });
    await probe({ PATH: empty });
    await probe({ PATH: empty });
    await probe();
    assert.equal(runs.length, 4);
  });

  it('a non-executable file named bwrap does not count as installed', async () => {
    await probe();
    await fs.chmod(path.join(bin, 'bwrap'), 0o644);
    await probe();
    assert.equal(runs.length, 2);
  });

  it('probes again for another Tandem version', async () => {
    await probe({ version: '1.0.0' });
    await probe({ version: '1.1.0' });
    assert.equal(runs.length, 2);
  });

  it('a damaged or foreign cache file costs a probe, never an error', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    for (const text of ['{not json', '{"key":"x","result":{"available":true}}', '[]', '']) {
      await fs.writeFile(file, text);
      assert.deepEqual(await probe(), { available: true });
    }
    assert.equal(runs.length, 4);
  });

  it('an unwritable cache folder still answers, probing each time', async () => {
    await fs.writeFile(path.join(dir, 'cache'), 'a file where the folder should be');
    assert.deepEqual(await probe(), { available: true });
    assert.deepEqual(await probe(), { available: true });
    assert.equal(runs.length, 2);
  });
});
