// scripts/check-system.sh, the first step of `npm test`: run with a PATH of stand-in commands, so
// "missing", "too old", "root with apt-get", "apt-get failed" and "no apt-get" are all tested
// whatever this machine has. apt-get and id are stand-ins too: nothing is installed for real.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../scripts/check-system.sh');
const TOOLS = ['git', 'rg', 'chromium', 'bwrap', 'make', 'g++', 'python3'];

interface Machine {
  bin: string;
  headers: string;
  aptLog: string;
}

describe('scripts/check-system.sh', () => {
  let tmp: string;
  let m: Machine;

  const put = (name: string, body: string) => fs.writeFile(path.join(m.bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  /** A machine with everything; `without` names commands (or 'headers') it lacks. */
  async function machine(opts: { without?: string[]; uid?: number; apt?: 'ok' | 'fails' | 'none'; nodeMajor?: number } = {}): Promise<void> {
    const without = new Set(opts.without ?? []);
    for (const t of TOOLS) if (!without.has(t)) await put(t, 'exit 0');
    if (!without.has('node')) await put('node', opts.nodeMajor ? `echo ${opts.nodeMajor}` : `exec "${process.execPath}" "$@"`);
    if (!without.has('headers')) {
      await fs.mkdir(path.join(m.headers, 'gssapi'), { recursive: true });
      await fs.writeFile(path.join(m.headers, 'gssapi', 'gssapi.h'), '');
    }
    await put('id', `echo ${opts.uid ?? 1000}`);
    if (opts.apt !== 'none') await put('apt-get', `echo "$*" >> "${m.aptLog}"\nexit ${opts.apt === 'fails' ? 100 : 0}`);
  }
  function check(env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('/bin/bash', [SCRIPT], { env: { PATH: m.bin, TANDEM_GSSAPI_HEADERS: m.headers, ...env } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }
  const aptCalls = () => fs.readFile(m.aptLog, 'utf8').then((t) => t.trim().split('\n'), () => []);

  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-check-'));
    m = { bin: path.join(tmp, 'bin'), headers: path.join(tmp, 'include'), aptLog: path.join(tmp, 'apt.log') };
    await fs.mkdir(m.bin);
  });
  afterEach(() => fs.rm(tmp, { recursive: true, force: true }));

  it('passes quietly when everything is there', async () => {
    await machine();
    assert.deepEqual(await check(), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await aptCalls(), []);
  });

  it('as a user, names the missing packages and the one command, installs nothing and fails', async () => {
    await machine({ without: ['chromium', 'bwrap', 'headers', 'rg'] });
    const r = await check();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ {2}sudo apt-get install -y ripgrep chromium bubblewrap libkrb5-dev$/m);
    assert.deepEqual(await aptCalls(), []);
  });

  it('as root with apt-get, installs exactly what is missing', async () => {
    await machine({ without: ['git', 'g++', 'headers'], uid: 0 });
    const r = await check();
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await aptCalls(), ['update -qq', 'install -y -qq git libkrb5-dev g++']);
  });

  it('as root, reports a failing apt-get with its exit code', async () => {
    await machine({ without: ['bwrap'], uid: 0, apt: 'fails' });
    const r = await check();
    assert.equal(r.code, 100);
    assert.match(r.stderr, /apt-get failed \(exit 100\); install bubblewrap by hand/);
  });

  it('without apt-get, even as root, prints the Debian command and fails', async () => {
    await machine({ without: ['python3'], uid: 0, apt: 'none' });
    const r = await check();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /sudo apt-get install -y python3/);
  });

  it('stops on a missing or old Node without calling apt-get', async () => {
    await machine({ nodeMajor: 18, uid: 0, without: ['chromium'] });
    let r = await check();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Node\.js 18 is too old: Tandem needs 20 or newer/);
    assert.match(r.stderr, /also missing: chromium/);
    assert.deepEqual(await aptCalls(), []);
    await fs.rm(path.join(m.bin, 'node'));
    r = await check();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Node\.js 20 or newer is not installed/);
  });

  it('takes CHROMIUM_PATH instead of chromium on PATH, and rejects one that is not executable', async () => {
    await machine({ without: ['chromium'] });
    const chrome = path.join(tmp, 'chrome');
    await fs.writeFile(chrome, '#!/bin/sh\n', { mode: 0o755 });
    assert.equal((await check({ CHROMIUM_PATH: chrome })).code, 0);
    const r = await check({ CHROMIUM_PATH: path.join(tmp, 'nothing-here') });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /CHROMIUM_PATH=.*nothing-here is not an executable/);
  });
});
