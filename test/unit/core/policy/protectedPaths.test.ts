import { strict as assert } from 'node:assert';
import { protectedReason, secretReason } from '../../../../src/core/policy/protectedPaths';

describe('protected paths', () => {
  const protectedOnes = [
    '.git/config', '.GIT/hooks/pre-commit', 'sub/.git/HEAD', '.vscode/settings.json', '.VSCode/launch.json', 'app.code-workspace',
    'App.Code-Workspace', '.env', '.env.local', '.Env.Production', 'config/.envrc', 'certs/server.pem', 'keys/private.KEY', 'id_rsa',
    '.ssh/id_ed25519', 'id_ed25519.pub', '.npmrc', '.tandem/ledger.jsonl', '.tandemignore', '.codex/config.toml',
  ];
  for (const p of protectedOnes) it(`protects ${p}`, () => assert.ok(protectedReason(p)));

  const ordinary = ['src/app.ts', 'environment.ts', 'docs/git-guide.md', 'src/env.ts', 'keyboard.ts', 'README.md', 'gitignore.txt', 'vscode-notes.md'];
  for (const p of ordinary) it(`leaves ${p} alone`, () => assert.equal(protectedReason(p), undefined));

  it('treats secrets as needing a question before reading', () => {
    assert.ok(secretReason('.env'));
    assert.ok(secretReason('deploy/id_rsa'));
    assert.equal(secretReason('src/app.ts'), undefined);
  });
});
