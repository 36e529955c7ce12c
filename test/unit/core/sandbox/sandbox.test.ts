// The Sandbox in-process with real bubblewrap: host control sockets are hidden (connecting to a
// socket works on a read-only file system), read-only mode, and protected paths that a command
// created or swapped (a symlinked .vscode) are reported, since they cannot be mounted.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { userAnchor } from '../../../../src/core/audit/heads';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { probeBubblewrap } from '../../../../src/core/sandbox/probe';
import { HOME_CREDENTIALS, hostHiddenPaths, Sandbox } from '../../../../src/core/sandbox/sandbox';
import { runShell } from '../../../../src/core/tools/shell';

const REPO = path.resolve(__dirname, '../../../..');

describe('sandbox (in-process, bubblewrap)', function () {
  this.timeout(20_000);
  let root: string;
  before(async () => {
    const probe = await probeBubblewrap();
    assert.equal(probe.available, true, `These tests need a working bubblewrap: ${probe.reason}`);
  });
  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(path.join(tmpdir(), 'sbx-')));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (command: string, sandbox: Sandbox) => runShell(command, { cwd: root, timeoutMs: 10_000, sandbox, workspaceRoot: root }, new AbortController().signal);

  for (const hide of [true, false]) {
    it(`${hide ? 'hides' : 'without hiding, reaches'} a host control socket outside the workspace`, async () => {
      // Outside /tmp on purpose: the private /tmp would hide it anyway.
      const dir = mkdtempSync(path.join(REPO, '.sock-'));
      const sock = path.join(dir, 'control.sock');
      const srv = net.createServer((c) => c.end('controlled\n'));
      await new Promise<void>((r) => srv.listen(sock, () => r()));
      try {
        // The folder is made readable: deny-by-default would hide the socket even without the list.
        const box = new Sandbox({ mode: 'workspace-write', network: false, readable: [dir], hiddenPaths: hide ? [sock, '/nonexistent/socket'] : [] });
        const r = await run(`${process.execPath} -e "require('net').connect('${sock}').on('data', d => process.stdout.write(d)).on('error', e => { console.log('ERR', e.code); process.exit(1); })"`, box);
        assert.equal(r.confined, true);
        if (hide) assert.match(r.stdout, /ERR (ECONNREFUSED|ENOENT|ENOTSOCK)/);
        else assert.equal(r.stdout, 'controlled\n');
      } finally {
        await new Promise<void>((r) => srv.close(() => r()));
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('keeps a program folder under /tmp visible and read-only, while new files in /tmp stay private', async () => {
    const tools = mkdtempSync(path.join(tmpdir(), 'sbx-tools-'));
    const marker = `sbx-private-${process.pid}-${Date.now()}`;
    try {
      writeFileSync(path.join(tools, 'tool.sh'), 'echo tool ran\n');
      const box = new Sandbox({ mode: 'workspace-write', network: false });
      // As an MCP server is started: the program's path is an argument.
      const confined = await box.confine('/bin/sh', [path.join(tools, 'tool.sh')], { workspaceRoot: root, cwd: root });
      assert.ok(confined);
      assert.ok(confined.args.join(' ').includes(`--ro-bind ${tools} ${tools}`));
      await confined.release();
      // Inside a command, the host folder is read-only (or, when only the command line names it, absent).
      const r = await run(`echo x > ${tools}/new.txt; echo p > /tmp/${marker} && cat /tmp/${marker}`, box);
      assert.equal(r.stdout, 'p\n');
      assert.equal(existsSync(path.join(tools, 'new.txt')), false);
      assert.equal(existsSync(`/tmp/${marker}`), false, 'the private /tmp is not the host /tmp');
    } finally {
      rmSync(tools, { recursive: true, force: true });
    }
  });

  it('keeps credential stores hidden inside a /tmp folder that is made visible', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'sbx-home-'));
    try {
      mkdirSync(path.join(home, '.ssh'));
      writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'SSH KEY');
      writeFileSync(path.join(home, 'tool.sh'), 'cat "$(dirname "$0")/.ssh/id_ed25519" 2>/dev/null; echo done\n');
      const box = new Sandbox({ mode: 'workspace-write', network: false, hiddenPaths: hostHiddenPaths(home, '/nonexistent/runtime') });
      // The script's path is an argument, so its /tmp folder is mounted over the private /tmp.
      const confined = await box.confine('/bin/sh', [path.join(home, 'tool.sh')], { workspaceRoot: root, cwd: root });
      assert.ok(confined);
      const r = spawnSync(confined.file, confined.args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...confined.env } });
      await confined.release();
      assert.equal(r.stdout, 'done\n', r.stderr);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('hides every credential store of the table and Tandem\'s own state, even when the user made the whole home readable', async () => {
    const home = mkdtempSync(path.join(REPO, '.home-'));
    try {
      const env = { XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.local', 'state') };
      // The list, written out here so that dropping any entry from the table fails this test.
      const listed = ['.ssh', '.netrc', '.npmrc', '.pypirc', '.git-credentials', '.docker', '.kube', '.gnupg', '.azure', '.config/gcloud', '.aws', '.config/gh', '.codex/auth.json', '.claude/.credentials.json'];
      const secrets = [...new Set([...listed, ...HOME_CREDENTIALS]), '.config/tandem/audit.key', '.local/state/tandem/checkpoints/x'];
      for (const f of secrets) {
        const abs = path.join(home, f, ...(/\.(json|toml|xml|properties|tfrc\.json)$|credentials$|netrc$|npmrc$|pypirc$|token$/.test(f) ? [] : ['secret']));
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, `SECRET ${f}\n`);
      }
      writeFileSync(path.join(home, '.bashrc'), 'plain rc\n');
      const box = new Sandbox({ mode: 'workspace-write', network: false, home, readable: [home], hiddenPaths: hostHiddenPaths(home, '/nonexistent/runtime', env) });
      const r = await run(`cat ${home}/.bashrc; grep -r SECRET ${home} 2>/dev/null; true`, box);
      assert.equal(r.stdout, 'plain rc\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('hides the audit key the ledger really uses, wherever XDG_CONFIG_HOME puts it (a readable home, the workspace)', async () => {
    const home = mkdtempSync(path.join(REPO, '.home-'));
    try {
      for (const config of [path.join(home, '.config'), path.join(home, 'elsewhere'), path.join(root, '.xdg')]) {
        const env = { XDG_CONFIG_HOME: config };
        const keys = userAnchor(env).keys;
        const key = await keys.signingKey();
        const secret = key.secret.toString('hex');
        const box = new Sandbox({ mode: 'workspace-write', network: false, home, readable: [home], hiddenPaths: hostHiddenPaths(home, '/nonexistent/runtime', env) });
        const r = await run(`cat ${keys.file}; ls -A ${path.dirname(keys.file)}; grep -r ${secret} ${home} ${root} 2>/dev/null; true`, box);
        assert.doesNotMatch(r.stdout, new RegExp(secret), config);
        assert.doesNotMatch(r.stdout, /audit-key/, config);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('shows of the home folder only the toolchain homes (deny by default)', async () => {
    // Beside the real home, not in the checkout: a checkout under /tmp is shown to commands whole (it is
    // the process's folder), and the fake home must not sit inside what is shown anyway.
    const home = mkdtempSync(path.join(homedir(), '.tandem-test-home-'));
    try {
      for (const f of ['.cargo/env', '.bashrc', 'notes/private.txt', 'other-project/.env']) {
        mkdirSync(path.dirname(path.join(home, f)), { recursive: true });
        writeFileSync(path.join(home, f), `${f}\n`);
      }
      const box = new Sandbox({ mode: 'workspace-write', network: false, home, hiddenPaths: [] });
      const r = await run(`cat ${home}/.cargo/env ${home}/.bashrc ${home}/notes/private.txt ${home}/other-project/.env 2>/dev/null; ls -A ${home}`, box);
      assert.equal(r.stdout, '.cargo/env\n.cargo\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('read-only mode lets a command write only its private /tmp', async () => {
    const box = new Sandbox({ mode: 'read-only', network: false });
    const r = await run('echo x > in-workspace.txt; echo $?; echo y > /tmp/t && cat /tmp/t', box);
    assert.match(r.stderr, /Read-only file system/);
    assert.equal(r.stdout, '2\ny\n');
  });

  it('reports a symlinked protected folder that the command removed and recreated', async () => {
    mkdirSync(path.join(root, 'conf'));
    symlinkSync('conf', path.join(root, '.vscode'));
    const box = new Sandbox({ mode: 'workspace-write', network: false });
    const r = await run('echo x > .vscode/direct.json; rm .vscode && mkdir .vscode && echo x > .vscode/tasks.json', box);
    assert.match(r.stderr, /conf\/direct\.json|\.vscode\/direct\.json/, 'the link target itself is read-only');
    assert.deepEqual(r.createdProtected, ['.vscode']);
  });

  it('keeps the hooks and config of submodules (.git/modules/NAME) read-only', async () => {
    for (const d of ['.git/hooks', '.git/modules/lib/hooks']) mkdirSync(path.join(root, d), { recursive: true });
    writeFileSync(path.join(root, '.git/modules/lib/config'), '[core]\n');
    const box = new Sandbox({ mode: 'workspace-write', network: false });
    const r = await run('echo x > .git/modules/lib/hooks/post-checkout; echo x >> .git/modules/lib/config; echo x > .git/modules/lib/HEAD && echo wrote-head', box);
    assert.equal(r.stderr.match(/Read-only file system/g)?.length, 2, r.stderr);
    assert.equal(r.stdout, 'wrote-head\n', 'the rest of the submodule stays writable');
  });

  it('reports nothing when protected paths are untouched', async () => {
    mkdirSync(path.join(root, '.vscode'));
    const box = new Sandbox({ mode: 'workspace-write', network: false });
    const r = await run('echo ok > a.txt', box);
    assert.deepEqual(r.createdProtected, []);
  });
});
