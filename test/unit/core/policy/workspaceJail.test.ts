import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalRoot, resolveInWorkspace } from '../../../../src/core/policy/workspaceJail';

describe('workspace jail', () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await canonicalRoot(mkdtempSync(join(tmpdir(), 'jail-')));
    root = join(base, 'app');
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(base, 'app-other'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(root, 'src', 'a.ts'), 'x');
    writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
    symlinkSync(join(base, 'outside'), join(root, 'link-out'));
    symlinkSync(join(base, 'outside', 'secret.txt'), join(root, 'secret-link'));
    symlinkSync(join(root, 'src'), join(root, 'link-in'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const refused: Array<[string, (r: string, b: string) => string]> = [
    ['a parent-folder escape', () => '../outside/secret.txt'],
    ['a deep parent-folder escape', () => 'src/../../outside/secret.txt'],
    ['an absolute path outside', (_r, b) => join(b, 'outside', 'secret.txt')],
    ['a sibling with the same prefix (/w/app vs /w/app-other)', (_r, b) => join(b, 'app-other', 'x.ts')],
    ['a relative sibling with the same prefix', () => '../app-other/x.ts'],
    ['a symlinked folder that leaves the workspace', () => 'link-out/secret.txt'],
    ['a new file under a symlinked folder that leaves the workspace', () => 'link-out/new/file.ts'],
    ['a symlinked file that leaves the workspace', () => 'secret-link'],
    ['backslash separators that climb out', () => '..\\outside\\secret.txt'],
    ['/etc/passwd', () => '/etc/passwd'],
  ];
  for (const [what, p] of refused) {
    it(`refuses ${what}`, async () => {
      await assert.rejects(resolveInWorkspace(root, p(root, base)), /outside the workspace/);
    });
  }

  it('refuses a NUL byte', async () => {
    await assert.rejects(resolveInWorkspace(root, 'src/a\0.ts'), /not valid/);
  });

  const allowed: Array<[string, (r: string) => string, string]> = [
    ['a relative file', () => 'src/a.ts', 'src/a.ts'],
    ['an absolute path inside', (r) => join(r, 'src', 'a.ts'), 'src/a.ts'],
    ['a new file in a new folder', () => 'src/new/deep/file.ts', 'src/new/deep/file.ts'],
    ['a symlink that stays inside (shown by its real path)', () => 'link-in/a.ts', 'src/a.ts'],
    ['dots that stay inside', () => './src/../src/a.ts', 'src/a.ts'],
    ['the root itself', () => '.', ''],
  ];
  for (const [what, p, rel] of allowed) {
    it(`allows ${what}`, async () => {
      assert.equal((await resolveInWorkspace(root, p(root))).rel, rel);
    });
  }
});
