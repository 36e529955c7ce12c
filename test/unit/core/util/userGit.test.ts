// "Git is code": a repository's config (its own, one a `.git` file or `commondir` leads to, a bare
// folder in the workspace) must not run a program through any git Tandem starts or lets a command
// start, at any depth — and the editor's GIT_* variables must not redirect those calls.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runShell } from '../../../../src/core/tools/shell';
import { SAFE_GIT_CONFIG, safeGitEnv, userGit, withSafeGit } from '../../../../src/core/util/userGit';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

describe('git is code: one forced safe configuration for every git', () => {
  let base: string;
  let ws: string;
  let marker: string;
  let evil: string;
  const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  const sh = (command: string, cwd = ws, extra: Partial<Parameters<typeof runShell>[1]> = {}) => runShell(command, { cwd, timeoutMs: 20_000, env: { PATH: process.env.PATH, HOME: base }, ...extra }, new AbortController().signal);
  /** Config lines that would each run the marker program. */
  const evilConfig = () => `[core]\n\tfsmonitor = ${evil}\n\thooksPath = ${join(base, 'hooks')}\n\tpager = ${evil}\n[diff]\n\texternal = ${evil}\n[credential]\n\thelper = !${evil}\n`;

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'gitcode-')));
    ws = join(base, 'ws');
    marker = join(base, 'marker');
    evil = join(base, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\necho "ran $*" >> ${marker}\ncat >/dev/null 2>&1 </dev/null\n`);
    chmodSync(evil, 0o755);
    mkdirSync(join(base, 'hooks'));
    writeFileSync(join(base, 'hooks', 'pre-commit'), `#!/bin/sh\necho hook >> ${marker}\n`);
    chmodSync(join(base, 'hooks', 'pre-commit'), 0o755);
    mkdirSync(ws);
    git(ws, 'init', '-q');
    writeFileSync(join(ws, 'a.txt'), 'a\n');
    git(ws, 'add', 'a.txt');
    git(ws, 'commit', '-qm', 'a');
    writeFileSync(join(ws, 'a.txt'), 'a\nb\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('a command\'s `git status`, `git diff`, `git commit` run nothing the workspace repository\'s config names', async () => {
    writeFileSync(join(ws, '.git', 'config'), readFileSync(join(ws, '.git', 'config'), 'utf8') + evilConfig());
    const r = await sh('git status --short && git diff && git -c user.name=t -c user.email=t@t commit -qam b');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /\+b/, 'git diff still prints the change');
    assert.equal(ran(), '');
  });

  it('a repository reached through a `.git` file (gitdir:) runs nothing, however deep the git call', async () => {
    const shipped = join(ws, 'vendor', 'shipped');
    mkdirSync(join(ws, 'vendor'), { recursive: true });
    git(join(ws, 'vendor'), 'init', '-q', '--separate-git-dir', shipped, 'sub');
    writeFileSync(join(shipped, 'config'), readFileSync(join(shipped, 'config'), 'utf8') + evilConfig());
    writeFileSync(join(ws, 'vendor', 'sub', 'x'), 'x');
    const r = await sh(`sh -c "sh -c 'cd vendor/sub && git status --short && git add x && git diff --cached'"`);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(ran(), '');
  });

  it('a `.git/commondir` written by a command leads the next git to no program', async () => {
    const other = join(ws, 'common');
    execFileSync('cp', ['-R', join(ws, '.git'), other]);
    writeFileSync(join(other, 'config'), readFileSync(join(other, 'config'), 'utf8') + evilConfig());
    writeFileSync(join(ws, '.git', 'commondir'), '../common\n');
    await sh('git status --short; true');
    assert.equal((await userGit(ws, ['status', '--short'])).stderr.includes('fsmonitor'), false);
    assert.equal(ran(), '');
  });

  it('a bare repository folder shipped in the workspace is not used implicitly', async () => {
    const bare = join(ws, 'fixture.git');
    git(ws, 'init', '-q', '--bare', bare);
    writeFileSync(join(bare, 'config'), readFileSync(join(bare, 'config'), 'utf8') + evilConfig());
    const r = await sh('git status', bare);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /bare repository/);
    assert.equal(ran(), '');
  });

  it('a credential helper of the repository is not run (`git credential fill`)', async () => {
    writeFileSync(join(ws, '.git', 'config'), readFileSync(join(ws, '.git', 'config'), 'utf8') + evilConfig());
    await sh(`printf 'protocol=https\\nhost=example.com\\n\\n' | git credential fill; true`);
    assert.equal(ran(), '');
  });

  it('the editor\'s GIT_DIR, GIT_WORK_TREE and GIT_CONFIG_PARAMETERS reach neither host git nor commands, even when passed by name', async () => {
    const other = join(base, 'other');
    mkdirSync(other);
    git(other, 'init', '-q');
    const redirect = { GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other, GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${evil}'`, GIT_CONFIG_COUNT: '0' };
    const r = await sh('git rev-parse --show-toplevel && git status --short', ws, { env: { PATH: process.env.PATH, HOME: base, ...redirect }, envExtra: Object.keys(redirect) });
    assert.equal(r.stdout.split('\n')[0], ws);
    const saved = { ...process.env };
    Object.assign(process.env, redirect);
    try {
      const h = await userGit(ws, ['rev-parse', '--show-toplevel']);
      assert.equal(h.stdout.trim(), ws);
    } finally {
      for (const k of Object.keys(redirect)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    assert.equal(ran(), '');
  });

  it('host git (@git, the .gitignore offer) runs nothing the repository names', async () => {
    writeFileSync(join(ws, '.git', 'config'), readFileSync(join(ws, '.git', 'config'), 'utf8') + evilConfig());
    assert.equal((await userGit(ws, ['status', '--short'])).code, 0);
    const d = await userGit(ws, ['diff']);
    assert.match(d.stdout, /\+b/);
    assert.equal(ran(), '');
  });

  it('forces every key of the table, the list length included, and keeps who a commit is by', () => {
    const env = safeGitEnv();
    assert.equal(env.GIT_CONFIG_COUNT, String(SAFE_GIT_CONFIG.length));
    assert.equal(env.GIT_CONFIG_NOSYSTEM, '1');
    for (const key of ['core.fsmonitor', 'core.hooksPath', 'core.pager', 'diff.external', 'credential.helper', 'protocol.ext.allow', 'safe.bareRepository', 'core.sshCommand']) {
      assert.ok(SAFE_GIT_CONFIG.some(([k]) => k === key), key);
    }
    const kept = withSafeGit({ GIT_AUTHOR_NAME: 'me', GIT_DIR: '/x', git_dir: '/y', GIT_CONFIG_COUNT: '0', PATH: '/bin' });
    assert.equal(kept.GIT_AUTHOR_NAME, 'me');
    assert.equal(kept.GIT_DIR, undefined);
    assert.equal(kept.git_dir, undefined);
    assert.equal(kept.GIT_CONFIG_COUNT, String(SAFE_GIT_CONFIG.length));
  });
});
