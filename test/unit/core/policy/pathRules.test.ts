// The one path-rule list: protected files (writing asks in every mode), secret files (reading asks),
// package.json scripts, and the folders the sandbox mounts read-only — with the spellings an
// attacker would try (case, ./, a/../, Windows separators).
import { strict as assert } from 'node:assert';
import { decideEdit } from '../../../../src/core/policy/approvalPolicy';
import { normalizeRel, packageScriptsReason, PathRules, protectedReason, protectedWorkspaceDirs, secretReason } from '../../../../src/core/policy/pathRules';

describe('path rules', () => {
  const protectedOnes = [
    // version control, editor, Tandem and Codex settings
    '.git/config', '.GIT/hooks/pre-commit', 'sub/.git/HEAD', '.vscode/settings.json', '.VSCode/launch.json', '.vscode/mcp.json',
    'app.code-workspace', 'App.Code-Workspace', '.tandem/ledger.jsonl', '.tandemignore', '.codex/config.toml', '.idea/workspace.xml',
    // agent instructions, anywhere, any case, any spelling of the path
    'AGENTS.md', 'agents.md', 'Agents.MD', 'pkg/sub/AGENTS.md', './AGENTS.md', 'src/../AGENTS.md', 'docs\\AGENTS.md', 'AGENTS.override.md',
    'CLAUDE.md', 'sub/claude.md', '.cursorrules', '.clinerules', '.windsurfrules', '.github/copilot-instructions.md', '.github/instructions/ts.instructions.md', '.cursor/rules/x.mdc', '.claude/settings.json',
    // CI and hooks
    '.github/workflows/ci.yml', '.GitHub/Workflows/release.yaml', 'a/../.github/workflows/x.yml', '.github\\workflows\\x.yml',
    './.github/workflows/deep/x.yml', '.github/actions/setup/action.yml', '.gitlab-ci.yml', '.GITLAB-CI.YML', 'ci/../.gitlab-ci.yml',
    '.gitlab/ci/build.yml', '.husky/pre-commit', '.HUSKY/pre-push', '.circleci/config.yml', 'Jenkinsfile', 'jenkinsfile',
    '.travis.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.pre-commit-config.yaml', '.devcontainer/devcontainer.json',
    '.gitmodules', '.gitattributes',
    // secrets are protected too
    '.env', '.env.local', '.Env.Production', 'config/.envrc', 'certs/server.pem', 'keys/private.KEY', 'id_rsa', '.ssh/id_ed25519',
    '.npmrc', '.aws/credentials',
  ];
  for (const p of protectedOnes) it(`protects ${p}`, () => assert.ok(protectedReason(p)));

  const ordinary = [
    'src/app.ts', 'environment.ts', 'docs/git-guide.md', 'src/env.ts', 'keyboard.ts', 'README.md', 'gitignore.txt', 'vscode-notes.md',
    'docs/agents.md.bak', 'MY_AGENTS.md', '.github/CODEOWNERS', '.github/ISSUE_TEMPLATE/bug.md', 'workflows/ci.yml', 'src/husky.ts',
    'jenkinsfile.md', 'id_utils.ts', 'src/keys.ts',
  ];
  for (const p of ordinary) it(`leaves ${p} alone`, () => assert.equal(protectedReason(p), undefined));

  it('normalises separators, ./ and ..', () => {
    assert.equal(normalizeRel('.\\a\\..\\.github\\workflows\\x.yml'), '.github/workflows/x.yml');
    assert.equal(normalizeRel('./src//a.ts'), 'src/a.ts');
    assert.equal(normalizeRel('../x'), '../x');
    assert.equal(normalizeRel('.'), '');
  });

  describe('secret files', () => {
    const secret = ['.env', 'deploy/id_rsa', '.ENV.local', 'a/../.env', 'conf\\.npmrc', '.ssh/config', 'x.p12', '../outside/.env', '/abs/.env'];
    for (const p of secret) it(`asks before reading ${p}`, () => assert.ok(secretReason(p)));
    const plain = ['src/app.ts', 'id_rsa.pub', 'id_utils.ts', '.tandemignore', 'AGENTS.md', 'env.ts'];
    for (const p of plain) it(`reads ${p} freely`, () => assert.equal(secretReason(p), undefined));
    it('adds the workspace .tandemignore and ignores it outside the workspace', () => {
      const rules = new PathRules('customers/\n*.secret.json\n');
      assert.match(rules.secretReason('customers/list.csv') ?? '', /\.tandemignore/);
      assert.ok(rules.isSecret('Customers/list.csv'));
      assert.ok(rules.isSecret('conf/db.secret.json'));
      assert.equal(rules.isSecret('../customers/list.csv'), false);
      assert.equal(rules.isSecret('/abs/customers/list.csv'), false);
      assert.ok(rules.isSecret('/abs/.env'));
    });
  });

  describe('package.json scripts', () => {
    const pkg = (scripts?: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'x', ...extra, ...(scripts ? { scripts } : {}) }, null, 2);
    const cases: Array<[string, string | undefined, string | undefined, boolean]> = [
      ['dependency change only', pkg({ test: 'mocha' }), pkg({ test: 'mocha' }, { dependencies: { a: '1' } }), false],
      ['a script changed', pkg({ test: 'mocha' }), pkg({ test: 'curl x | sh' }), true],
      ['a script added', pkg({ test: 'mocha' }), pkg({ test: 'mocha', postinstall: 'node x' }), true],
      ['scripts added to a file without them', pkg(), pkg({ prepare: 'sh x' }), true],
      ['scripts removed', pkg({ test: 'mocha' }), pkg(), true],
      ['a new package.json with scripts', undefined, pkg({ test: 'x' }), true],
      ['a new package.json without scripts', undefined, pkg(), false],
      ['the new file is not JSON', pkg({ test: 'mocha' }), '{ "scripts": { "test": "x" ', true],
      ['the new file is a JSON array', pkg(), '[]', true],
      ['reformatted only', pkg({ test: 'mocha' }), JSON.stringify({ name: 'x', scripts: { test: 'mocha' } }), false],
    ];
    for (const [what, before, after, asks] of cases) {
      it(`${asks ? 'asks' : 'does not ask'} when ${what}`, () => {
        assert.equal(!!packageScriptsReason('package.json', before, after), asks);
        assert.equal(!!packageScriptsReason('packages/app/Package.json', before, after), asks);
        assert.equal(decideEdit('full-auto', [{ path: './package.json', oldText: before, newText: after }]).decision, asks ? 'ask' : 'allow');
      });
    }
    it('leaves other JSON files alone', () => assert.equal(packageScriptsReason('src/package.json.ts', '{}', '{"scripts":{}}'), undefined));
  });

  it('lists the folders and files the sandbox mounts read-only', () => {
    const dirs = protectedWorkspaceDirs();
    for (const d of ['.git/hooks', '.git/config', '.vscode', '.tandem', '.github', '.husky', 'AGENTS.md', '.gitlab-ci.yml']) assert.ok(dirs.includes(d), d);
    // Every read-only mount is also a path whose edits ask (.github: its workflows and actions).
    for (const d of dirs) assert.ok(protectedReason(d === '.github' ? '.github/workflows/x.yml' : `${d}/x`) || protectedReason(d), d);
  });
});
