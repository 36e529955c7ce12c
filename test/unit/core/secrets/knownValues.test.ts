// Secrets by VALUE: whatever route a known secret takes to the output (git grep, git log -p,
// git cat-file of a tracked .env, base64, URL encoding), it reaches the model as [REDACTED …].
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactKeys } from '../../../../src/core/secrets/redact';
import { registerSecretValue } from '../../../../src/core/secrets/knownValues';

describe('known secret values are redacted wherever they appear', () => {
  let ws: string;
  let home: string;
  const DB = 'p4ss-Word-9f8e7d';
  const STRIPE = 'zz_live_51Habc123XYZdef456';
  const NETRC = 'netrc-secret-77x';
  const NPM = 'npm_tok_A1b2C3d4E5f6';
  const PYPI = 'pypi-AgEIcHlwaS5vcmc';
  const GITCRED = 'gh-cred-Pw/with@chars';
  before(() => {
    ws = realpathSync(mkdtempSync(join(tmpdir(), 'kv-ws-')));
    home = realpathSync(mkdtempSync(join(tmpdir(), 'kv-home-')));
    writeFileSync(join(ws, '.env'), `PORT=3000\nNODE_ENV=development\nDATABASE_URL=postgres://app:${DB}@db/app\nexport PAYMENTS="${STRIPE}"\n`);
    writeFileSync(join(home, '.netrc'), `machine example.com login me password ${NETRC}\n`);
    writeFileSync(join(home, '.npmrc'), `//registry.npmjs.org/:_authToken=${NPM}\n`);
    writeFileSync(join(home, '.pypirc'), `[pypi]\nusername = __token__\npassword = ${PYPI}\n`);
    writeFileSync(join(home, '.git-credentials'), `https://me:${encodeURIComponent(GITCRED)}@github.com\n`);
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: ws, env: { PATH: process.env.PATH, HOME: ws } }).toString();
    git('init', '-q');
    git('add', '.env');
    git('commit', '-qm', 'oops');
  });
  after(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });
  const redact = (text: string) => redactKeys(text, {}, { workspaceRoot: ws, home });
  const git = (...a: string[]) => execFileSync('git', a, { cwd: ws, env: { PATH: process.env.PATH, HOME: ws } }).toString();

  for (const [what, out] of [
    ['git grep', () => git('grep', '-n', 'PAYMENTS')],
    ['git log -p', () => git('log', '-p')],
    ['git cat-file of the tracked .env', () => git('cat-file', '-p', 'HEAD:.env')],
  ] as Array<[string, () => string]>) {
    it(`${what} of a tracked .env`, () => {
      const text = redact(out());
      assert.doesNotMatch(text, new RegExp(`${STRIPE}|${DB}`));
      assert.match(text, /REDACTED/);
      if (what !== 'git grep') assert.match(text, /PORT=3000/, 'ordinary settings stay readable');
    });
  }

  for (const [name, value] of [['.env', STRIPE], ['.env URL password', DB], ['.netrc', NETRC], ['.npmrc', NPM], ['.pypirc', PYPI], ['.git-credentials', GITCRED]]) {
    it(`the ${name} value raw, base64 and URL-encoded`, () => {
      for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) {
        assert.doesNotMatch(redact(`x ${form} y`), new RegExp(form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), `${name}: ${form}`);
      }
    });
  }

  it('the API key the host registered', () => {
    registerSecretValue('API key', 'local-server-key-31337');
    assert.equal(redact('key=local-server-key-31337'), 'key=[REDACTED API key]');
  });
});
