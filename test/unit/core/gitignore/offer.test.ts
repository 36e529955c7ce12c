// The .gitignore offer against real git repositories in temp folders: git decides whether `.tandem/`
// is ignored (a .gitignore, .git/info/exclude, the global excludes file), the repository's own config
// runs nothing, and the offer is made once per folder, never outside git, never when ignored or committed.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OFFER_CHOICES, TandemIgnoreOffer, type OfferPorts } from '../../../../src/core/gitignore/offer';
import { tandemIgnoreState } from '../../../../src/core/gitignore/probe';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });

function repo(base: string, name = 'repo'): string {
  const dir = path.join(base, name);
  mkdirSync(path.join(dir, '.tandem'), { recursive: true });
  git(dir, 'init', '-q');
  writeFileSync(path.join(dir, '.tandem', 'ai-changes.jsonl'), '{}\n');
  return dir;
}

/** Ports that answer `answer` and remember what happened. */
function ports(answer: string | undefined): OfferPorts & { asks: string[]; infos: string[]; errors: string[]; asked: Set<string>; never: boolean } {
  const p = {
    asks: [] as string[],
    infos: [] as string[],
    errors: [] as string[],
    asked: new Set<string>(),
    never: false,
    wasAsked: (k: string) => p.asked.has(k),
    markAsked: async (k: string) => void p.asked.add(k),
    neverAsk: () => p.never,
    setNeverAsk: async () => void (p.never = true),
    ask: async (message: string) => {
      p.asks.push(message);
      return answer;
    },
    info: (m: string) => void p.infos.push(m),
    error: (m: string) => void p.errors.push(m),
  };
  return p;
}

describe('gitignore offer', () => {
  let base: string;
  const savedEnv = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, GIT_DIR: process.env.GIT_DIR, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_PARAMETERS: process.env.GIT_CONFIG_PARAMETERS };
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'tandem-offer-'));
    // The user's global git config is part of what is asked: give these tests their own, empty one.
    process.env.HOME = path.join(base, 'home');
    process.env.XDG_CONFIG_HOME = path.join(base, 'home', '.config');
    mkdirSync(process.env.XDG_CONFIG_HOME, { recursive: true });
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(base, { recursive: true, force: true });
  });

  describe('what git says', () => {
    it('is not-git outside a work tree and not-ignored in a fresh repository', async () => {
      const plain = path.join(base, 'plain');
      mkdirSync(plain);
      assert.equal(await tandemIgnoreState(plain), 'not-git');
      assert.equal(await tandemIgnoreState(repo(base)), 'not-ignored');
    });

    it('is not-git when git itself is missing', async () => {
      assert.equal(await tandemIgnoreState(repo(base), '.tandem/', undefined, path.join(base, 'no-such-git')), 'not-git');
    });

    const ignoredBy: Array<[string, (dir: string) => void]> = [
      ['the folder .gitignore', (dir) => writeFileSync(path.join(dir, '.gitignore'), '/.tandem\n')],
      ['a spelling with **', (dir) => writeFileSync(path.join(dir, '.gitignore'), 'dist/\r\n.tandem/**\r\n')],
      ['.git/info/exclude', (dir) => writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '.tandem\n')],
      ['the global excludes file ($XDG_CONFIG_HOME/git/ignore)', () => {
        mkdirSync(path.join(process.env.XDG_CONFIG_HOME!, 'git'), { recursive: true });
        writeFileSync(path.join(process.env.XDG_CONFIG_HOME!, 'git', 'ignore'), '.tandem/\n');
      }],
      ['core.excludesFile in the config file GIT_CONFIG_GLOBAL names', () => {
        writeFileSync(path.join(base, 'excludes'), '.tandem\n');
        writeFileSync(path.join(base, 'gitconfig'), `[core]\n\texcludesFile = ${path.join(base, 'excludes')}\n`);
        process.env.GIT_CONFIG_GLOBAL = path.join(base, 'gitconfig');
      }],
      ['core.excludesFile in the global config', (dir) => {
        writeFileSync(path.join(base, 'excludes'), '**/.tandem/\n');
        writeFileSync(path.join(process.env.HOME!, '.gitconfig'), `[core]\n\texcludesFile = ${path.join(base, 'excludes')}\n`);
        void dir;
      }],
    ];
    for (const [name, ignore] of ignoredBy) {
      it(`is ignored when ${name} ignores it`, async () => {
        const dir = repo(path.join(base, 'outer'));
        assert.equal(await tandemIgnoreState(dir, '.tandem/ai-changes.jsonl'), 'not-ignored');
        ignore(dir);
        assert.equal(await tandemIgnoreState(dir, '.tandem/ai-changes.jsonl'), 'ignored');
      });
    }

    it('is ignored for a workspace folder inside a repository whose root ignores it', async () => {
      const dir = repo(base);
      const sub = path.join(dir, 'packages', 'app');
      mkdirSync(sub, { recursive: true });
      assert.equal(await tandemIgnoreState(sub), 'not-ignored');
      writeFileSync(path.join(dir, '.gitignore'), '.tandem/\n');
      assert.equal(await tandemIgnoreState(sub), 'ignored');
    });

    it('is tracked when files under .tandem/ are committed', async () => {
      const dir = repo(base);
      git(dir, 'add', '.tandem');
      assert.equal(await tandemIgnoreState(dir), 'tracked');
    });

    it("runs none of the repository's programs (fsmonitor, hooks) and ignores a GIT_DIR pointing elsewhere", async () => {
      const dir = repo(base);
      const marker = path.join(base, 'ran');
      const evil = path.join(base, 'evil.sh');
      writeFileSync(evil, `#!/bin/sh\ntouch ${marker}\n`);
      chmodSync(evil, 0o755);
      git(dir, 'config', 'core.fsmonitor', evil);
      git(dir, 'config', 'core.hooksPath', base);
      for (const hook of ['post-index-change', 'reference-transaction']) writeFileSync(path.join(base, hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
      // Another repository that does ignore .tandem/: if GIT_DIR leaked through, the answer would change.
      const other = repo(base, 'other');
      writeFileSync(path.join(other, '.git', 'info', 'exclude'), '.tandem/\n');
      process.env.GIT_DIR = path.join(other, '.git');
      // Config injected through the environment cannot turn the fsmonitor back on either.
      process.env.GIT_CONFIG_PARAMETERS = `'core.fsmonitor'='${evil}'`;
      assert.equal(await tandemIgnoreState(dir), 'not-ignored');
      delete process.env.GIT_CONFIG_PARAMETERS;
      assert.equal(existsSync(marker), false, 'a program of the repository ran');
      // Checked: without the hardening, this git does run the fsmonitor program on ls-files.
      delete process.env.GIT_DIR;
      execFileSync('git', ['ls-files'], { cwd: dir, stdio: 'pipe' });
      assert.equal(existsSync(marker), true, 'the fsmonitor trap works');
    });
  });

  describe('the offer', () => {
    const folder = (root: string, name?: string) => ({ key: `file://${root}`, root, name });

    it('asks once per folder, and Add makes git ignore .tandem/', async () => {
      const dir = repo(base);
      const p = ports(OFFER_CHOICES.add);
      const offer = new TandemIgnoreOffer(p);
      assert.equal(await offer.onWrite(folder(dir), '.tandem/ai-changes.jsonl'), 'added');
      assert.equal(p.asks.length, 1);
      assert.match(p.asks[0], /\.tandem\//);
      assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), '.tandem/\n');
      assert.equal(await tandemIgnoreState(dir, '.tandem/ai-changes.jsonl'), 'ignored');
      assert.match(p.infos[0], /added \.tandem\/ to .*\.gitignore/);
      assert.equal(git(dir, 'status', '--porcelain', '--untracked-files=all'), '?? .gitignore\n');
      assert.equal(await offer.onWrite(folder(dir)), 'asked-before');
      assert.equal(p.asks.length, 1);
    });

    it('asks once for a burst of writes', async () => {
      const dir = repo(base);
      const p = ports(OFFER_CHOICES.keep);
      const offer = new TandemIgnoreOffer(p);
      const outcomes = await Promise.all([offer.onWrite(folder(dir)), offer.onWrite(folder(dir)), offer.onWrite(folder(dir))]);
      assert.equal(p.asks.length, 1);
      assert.deepEqual(outcomes.filter((o) => o === 'kept'), ['kept']);
    });

    it('Keep it tracked and a closed notification leave .gitignore alone and are not asked again', async () => {
      for (const answer of [OFFER_CHOICES.keep, undefined]) {
        const dir = repo(base, `r${String(answer)}`);
        const p = ports(answer);
        const offer = new TandemIgnoreOffer(p);
        assert.equal(await offer.onWrite(folder(dir)), answer ? 'kept' : 'dismissed');
        assert.equal(existsSync(path.join(dir, '.gitignore')), false);
        assert.equal(await offer.onWrite(folder(dir)), 'asked-before');
        assert.equal(p.asks.length, 1);
      }
    });

    it("Don't ask again stops the offer in every folder", async () => {
      const p = ports(OFFER_CHOICES.never);
      const offer = new TandemIgnoreOffer(p);
      assert.equal(await offer.onWrite(folder(repo(base, 'a'))), 'declined-forever');
      assert.equal(await offer.onWrite(folder(repo(base, 'b'))), 'never');
      assert.equal(p.asks.length, 1);
    });

    it('asks per folder of a multi-root workspace, naming the folder', async () => {
      const p = ports(OFFER_CHOICES.keep);
      const offer = new TandemIgnoreOffer(p);
      await offer.onWrite(folder(repo(base, 'web'), 'web'));
      await offer.onWrite(folder(repo(base, 'api'), 'api'));
      assert.equal(p.asks.length, 2);
      assert.match(p.asks[0], / in web\b/);
      assert.match(p.asks[1], / in api\b/);
    });

    it('does not ask, nor remember asking, outside git, when ignored, or when committed', async () => {
      const plain = path.join(base, 'plain');
      mkdirSync(plain);
      const ignored = repo(base, 'ignored');
      writeFileSync(path.join(ignored, '.git', 'info', 'exclude'), '.tandem/\n');
      const tracked = repo(base, 'tracked');
      git(tracked, 'add', '.tandem');
      const p = ports(OFFER_CHOICES.add);
      const offer = new TandemIgnoreOffer(p);
      assert.equal(await offer.onWrite(folder(plain)), 'not-git');
      assert.equal(await offer.onWrite(folder(ignored)), 'ignored');
      assert.equal(await offer.onWrite(folder(tracked)), 'tracked');
      assert.equal(p.asks.length, 0);
      assert.equal(p.asked.size, 0);
      // git init later: the next write asks.
      git(plain, 'init', '-q');
      assert.equal(await offer.onWrite(folder(plain)), 'added');
    });

    it('reports a read-only .gitignore clearly and loses nothing', async () => {
      const dir = repo(base);
      writeFileSync(path.join(dir, '.gitignore'), 'dist/');
      chmodSync(path.join(dir, '.gitignore'), 0o444);
      const p = ports(OFFER_CHOICES.add);
      assert.equal(await new TandemIgnoreOffer(p).onWrite(folder(dir)), 'failed');
      assert.match(p.errors[0], /^Tandem: .*\.gitignore is read-only\. Nothing was changed/);
      assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'dist/');
    });

    it('says so when a later ! rule keeps .tandem/ visible, without adding a duplicate', async () => {
      const dir = repo(base);
      writeFileSync(path.join(dir, '.gitignore'), '.tandem/\n!.tandem/\n');
      const p = ports(OFFER_CHOICES.add);
      assert.equal(await new TandemIgnoreOffer(p).onWrite(folder(dir)), 'failed');
      assert.match(p.errors[0], /git still does not ignore it/);
      assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), '.tandem/\n!.tandem/\n');
    });
  });
});
