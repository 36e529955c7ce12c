// "Git is code", the named drivers: a repository folder shipped in the workspace defines
// `filter.<name>`, `diff.<name>` or `merge.<name>` programs under names of its own and points its
// .gitattributes at them. An unconfined command's git — at any depth, through `cd`, `-C`, a script,
// a `.git` file, include.path or the worktree config — must run none of them, while a driver the
// user set up in the global config (git-lfs) keeps working and `git diff` still prints the change.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDiff } from '../../../../src/cli/reviewDiff';
import { gitDiffAttachment } from '../../../../src/core/context/sources';
import { runShell } from '../../../../src/core/tools/shell';
import { driverOverrides, nestedRepositories, parseScopedConfig } from '../../../../src/core/util/gitDrivers';

describe('git is code: drivers a repository names itself', () => {
  let base: string;
  let ws: string;
  let marker: string;
  let evil: string;
  const env = () => ({ PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  const sh = (command: string, cwd = ws) => runShell(command, { cwd, timeoutMs: 20_000, env: env(), workspaceRoot: ws }, new AbortController().signal);
  /** Every driver key that names a program, under `name`, each running the marker program. */
  const drivers = (name: string) =>
    `[filter "${name}"]\n\tclean = ${evil} clean\n\tsmudge = ${evil} smudge\n\tprocess = ${evil} process\n\trequired = true\n` +
    `[diff "${name}"]\n\ttextconv = ${evil} textconv\n\tcommand = ${evil} command\n[merge "${name}"]\n\tdriver = ${evil} merge\n`;

  /** A repository at `rel` (below the workspace) with one committed file, changed since, whose attributes use driver `name`. */
  function shippedRepo(rel: string, name: string): string {
    const dir = join(ws, rel);
    mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'lib.txt'), 'one\n');
    git(dir, 'add', 'lib.txt');
    git(dir, 'commit', '-qm', 'one');
    writeFileSync(join(dir, '.gitattributes'), `* filter=${name} diff=${name} merge=${name}\n`);
    writeFileSync(join(dir, 'lib.txt'), 'one\ntwo\n');
    return dir;
  }
  /** The workspace repository itself: a committed a.txt, changed since, whose attributes use the driver `evil`. */
  function workspaceRepoWithDrivers(): void {
    writeFileSync(join(ws, 'a.txt'), 'a\n');
    git(ws, 'add', 'a.txt');
    git(ws, 'commit', '-qm', 'a');
    writeFileSync(join(ws, '.gitattributes'), '*.txt diff=evil filter=evil\n');
    writeFileSync(join(ws, 'a.txt'), 'a\nb\n');
    appendConfig(join(ws, '.git'), drivers('evil'));
  }
  const appendConfig = (gitDir: string, text: string) => writeFileSync(join(gitDir, 'config'), readFileSync(join(gitDir, 'config'), 'utf8') + text);

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'gitdrivers-')));
    ws = join(base, 'ws');
    marker = join(base, 'marker');
    evil = join(base, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\necho "ran $*" >> ${marker}\ncat\n`);
    chmodSync(evil, 0o755);
    mkdirSync(ws);
    git(ws, 'init', '-q');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('the fixture can fail: without the overrides the repository\'s filter and textconv run', () => {
    const dir = shippedRepo('vendor/lib', 'evil');
    appendConfig(join(dir, '.git'), drivers('evil'));
    try {
      execFileSync('git', ['--no-pager', 'diff'], { cwd: dir, env: env(), stdio: 'pipe' });
    } catch {
      // The marker's filter does not speak git's process protocol: git gives up after starting it.
    }
    assert.match(ran(), /ran .*(clean|process|textconv|command)/);
  });

  for (const [how, command] of [
    ['cd, then status, diff, log -p and show', 'cd vendor/lib && git status --short && git diff && git log -p -1 && git show HEAD'],
    ['git -C', 'git -C vendor/lib diff && git -C vendor/lib status --short'],
    ['a nested shell', `sh -c "sh -c 'cd vendor/lib; git diff'"`],
    ['a script that cds', 'printf "cd vendor/lib\\ngit diff\\ngit diff --cached --stat\\n" > s.sh && sh s.sh'],
  ] as const) {
    it(`a nested repository's filter, textconv and external diff do not run: ${how}`, async () => {
      shippedRepo('vendor/lib', 'evil');
      appendConfig(join(ws, 'vendor/lib/.git'), drivers('evil'));
      const r = await sh(command);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /\+two/, 'git diff still prints the change');
      assert.equal(ran(), '');
    });
  }

  it('run from inside the nested repository (its working folder), and under an ignored folder', async () => {
    shippedRepo('node_modules/dep', 'evil');
    appendConfig(join(ws, 'node_modules/dep/.git'), drivers('evil'));
    writeFileSync(join(ws, '.gitignore'), 'node_modules/\n');
    const r = await sh('git diff', join(ws, 'node_modules/dep'));
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /\+two/);
    const deeper = await sh('cd node_modules/dep && git status --short && git diff');
    assert.equal(deeper.exitCode, 0, deeper.stderr);
    assert.equal(ran(), '');
  });

  it('a `.git` file leading to a shipped gitdir whose config includes the drivers from another file, under names with dots and capitals', async () => {
    const dir = shippedRepo('pkg', 'Ev.il');
    // Move the gitdir out of the way and leave a `.git` file (as a download or a command would).
    const gitdir = join(ws, 'assets', 'gitdir');
    mkdirSync(join(ws, 'assets'));
    execFileSync('mv', [join(dir, '.git'), gitdir]);
    writeFileSync(join(dir, '.git'), `gitdir: ../assets/gitdir\n`);
    writeFileSync(join(ws, 'assets', 'more.cfg'), drivers('Ev.il'));
    appendConfig(gitdir, `[include]\n\tpath = ../more.cfg\n`);
    const r = await sh('cd pkg && git status --short && git diff');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /\+two/);
    assert.equal(ran(), '');
  });

  it('drivers in the worktree config (extensions.worktreeConfig) do not run', async () => {
    const dir = shippedRepo('wt', 'evil');
    appendConfig(join(dir, '.git'), '[extensions]\n\tworktreeConfig = true\n');
    writeFileSync(join(dir, '.git', 'config.worktree'), drivers('evil'));
    const r = await sh('git -C wt diff');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(ran(), '');
  });

  it('the workspace repository\'s own drivers do not run either', async () => {
    workspaceRepoWithDrivers();
    const r = await sh('git status --short && git diff');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(ran(), '');
  });

  it('host git reading the working tree (@git, tandem review) runs none of the workspace repository\'s filters', async () => {
    workspaceRepoWithDrivers();
    const home = process.env.HOME;
    process.env.HOME = base;
    try {
      const attachment = await gitDiffAttachment(ws);
      assert.match(attachment.text, /\+b/);
      const review = await collectDiff(ws, 'HEAD', undefined, []);
      assert.ok(review.changes.some((c) => c.path.endsWith('a.txt')), JSON.stringify(review.changes.map((c) => c.path)));
    } finally {
      process.env.HOME = home;
    }
    assert.equal(ran(), '');
  });

  it('a driver set up in the user\'s global config keeps its global program, even where the repository redefines it', async () => {
    const globalFilter = join(base, 'global.sh');
    writeFileSync(globalFilter, `#!/bin/sh\necho "global $*" >> ${marker}\ncat\n`);
    chmodSync(globalFilter, 0o755);
    writeFileSync(join(base, '.gitconfig'), `[diff "lfsish"]\n\ttextconv = ${globalFilter} textconv\n`);
    const dir = shippedRepo('vendor/lib', 'lfsish');
    appendConfig(join(dir, '.git'), `[diff "lfsish"]\n\ttextconv = ${evil} textconv\n[filter "lfsish"]\n\tclean = ${evil} clean\n`);
    // `git log -p` converts with textconv (git diff goes through the forced plain diff.external).
    const r = await sh('git -C vendor/lib log -p -1 && git -C vendor/lib status --short');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(ran(), /^global textconv/m, 'the global textconv ran');
    assert.doesNotMatch(ran(), /^ran /m, 'no program of the repository ran');
  });

  it('lists each program key set outside the global config, with its harmless value, and nothing for other keys', async () => {
    const dir = shippedRepo('vendor/lib', 'evil');
    appendConfig(join(dir, '.git'), drivers('evil') + '[diff "plain"]\n\txfuncname = ^fn\n');
    const o = await driverOverrides([ws], ws, env());
    const forced = Object.fromEntries(o.pairs);
    assert.equal(forced['filter.evil.clean'], '');
    assert.equal(forced['filter.evil.smudge'], '');
    assert.equal(forced['filter.evil.process'], '');
    assert.equal(forced['filter.evil.required'], 'false');
    assert.equal(forced['diff.evil.textconv'], 'cat');
    assert.match(forced['diff.evil.command'], /diff -u/);
    assert.equal(forced['merge.evil.driver'], 'false');
    assert.equal(Object.keys(forced).some((k) => k.startsWith('diff.plain.')), false, 'a driver without a program is left alone');
    assert.equal(o.incomplete, false);
    assert.ok(o.repositories.includes(dir));
  });

  it('a merge through the repository\'s merge driver runs no program (the merge stops as a conflict)', async () => {
    const dir = shippedRepo('m', 'evil');
    git(dir, 'checkout', '-q', '--', 'lib.txt');
    git(dir, 'checkout', '-qb', 'other');
    writeFileSync(join(dir, 'lib.txt'), 'other\n');
    git(dir, 'commit', '-qam', 'other');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'lib.txt'), 'mine\n');
    git(dir, 'commit', '-qam', 'mine');
    writeFileSync(join(dir, '.gitattributes'), '* merge=evil\n');
    appendConfig(join(dir, '.git'), drivers('evil'));
    await sh('git -c user.name=t -c user.email=t@t merge other', dir);
    assert.equal(ran(), '');
  });

  it('reports an incomplete search past the depth bound', async () => {
    mkdirSync(join(ws, 'a/b/c/d/e/f/g/h/i/j'), { recursive: true });
    const found = await nestedRepositories(ws);
    assert.equal(found.complete, false);
    const shallow = await nestedRepositories(join(ws, 'a/b/c'));
    assert.equal(shallow.complete, true);
  });

  it('parses git config -z output: values with newlines and keys without a value', () => {
    const out = 'global\0diff.x.textconv\ncat\0local\0filter.y.required\0local\0diff.z.command\nline1\nline2\0';
    assert.deepEqual(parseScopedConfig(out), [
      { scope: 'global', key: 'diff.x.textconv', value: 'cat' },
      { scope: 'local', key: 'filter.y.required', value: 'true' },
      { scope: 'local', key: 'diff.z.command', value: 'line1\nline2' },
    ]);
  });
});
