// The child environment is an allowlist: table of what passes, what never does (whatever the case
// or spelling), and what the user adds by name or as NAME=value.
import { strict as assert } from 'node:assert';
import { childEnv, envEntryProblems } from '../../../../src/core/sandbox/childEnv';

describe('child environment allowlist', () => {
  const parent: NodeJS.ProcessEnv = {
    PATH: '/usr/bin', HOME: '/home/u', LANG: 'C.UTF-8', LC_ALL: 'C', TERM: 'xterm', CI: '1', JAVA_HOME: '/opt/jdk',
    OPENAI_API_KEY: 'k', AWS_SECRET_ACCESS_KEY: 'k', AWS_ACCESS_KEY_ID: 'k', GITHUB_TOKEN: 'k', GITHUB_PAT: 'k', DATABASE_URL: 'postgres://u:p@h/d',
    NPM_CONFIG__AUTH: 'k', npm_config__auth: 'k', DB_PASSWORD: 'k', my_token: 'k', SSH_AUTH_SOCK: '/tmp/s', LD_PRELOAD: '/x.so', NODE_OPTIONS: '--require /x.js',
    Path_Lookalike: 'x', LC_: 'x', PATHX: 'x', HTTPS_PROXY: 'http://u:pw@proxy:3128', NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
  };
  const passes = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TERM', 'CI', 'JAVA_HOME', 'NODE_EXTRA_CA_CERTS'];
  const blocked = ['OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'GITHUB_PAT', 'DATABASE_URL', 'NPM_CONFIG__AUTH', 'npm_config__auth', 'DB_PASSWORD', 'my_token', 'SSH_AUTH_SOCK', 'LD_PRELOAD', 'NODE_OPTIONS', 'Path_Lookalike', 'LC_', 'PATHX', 'HTTPS_PROXY'];
  const env = childEnv(parent);
  for (const name of passes) it(`passes ${name}`, () => assert.equal(env[name], parent[name]));
  for (const name of blocked) it(`keeps ${name} out`, () => assert.equal(env[name], undefined));

  it('adds what the user names (even a secret-looking one: their choice) and NAME=value entries', () => {
    const e = childEnv(parent, { extra: ['GITHUB_TOKEN', 'NODE_ENV=test', 'MISSING', 'EMPTY='], set: { SERVER_VAR: 'v' } });
    assert.equal(e.GITHUB_TOKEN, 'k');
    assert.equal(e.NODE_ENV, 'test');
    assert.equal('MISSING' in e, false);
    assert.equal(e.EMPTY, '');
    assert.equal(e.SERVER_VAR, 'v');
    assert.equal(e.OPENAI_API_KEY, undefined);
  });

  it('says which tandem.agent.env entries are not names or NAME=value', () => {
    assert.deepEqual(envEntryProblems(['OK', 'A=b c', '=x', 'has space', '']).length, 3);
  });
});
