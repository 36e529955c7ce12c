// Which file a panel link may open: only an existing file inside the workspace, judged on its real
// path, whatever the spelling — `..`, absolute paths, symlinks, `file:` URIs (encoded, other hosts,
// upper case), other schemes, control characters. Each refusal is a sentence for the panel.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveLocation } from '../../../../src/core/policy/openLocation';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';

describe('opening a file a tool step names', () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await canonicalRoot(mkdtempSync(join(tmpdir(), 'openloc-')));
    root = join(base, 'app');
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(root, 'src', 'a.ts'), 'one\ntwo\n');
    writeFileSync(join(root, 'src', 'with space.ts'), 'x\n');
    writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
    writeFileSync(join(base, 'app-other.txt'), 'x');
    symlinkSync(join(base, 'outside'), join(root, 'link-out'));
    symlinkSync(join(base, 'outside', 'secret.txt'), join(root, 'secret-link.txt'));
    symlinkSync(join(root, 'src'), join(root, 'link-in'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const opens: Array<[string, (r: string) => string, string]> = [
    ['a relative path', () => 'src/a.ts', 'src/a.ts'],
    ['a ./ path', () => './src/a.ts', 'src/a.ts'],
    ['a path through .. that stays inside', () => 'src/../src/a.ts', 'src/a.ts'],
    ['a Windows-style relative path', () => 'src\\a.ts', 'src/a.ts'],
    ['an absolute path inside', (r) => join(r, 'src', 'a.ts'), 'src/a.ts'],
    ['a file: URI inside', (r) => pathToFileURL(join(r, 'src', 'a.ts')).href, 'src/a.ts'],
    ['a FILE: URI in upper case', (r) => pathToFileURL(join(r, 'src', 'a.ts')).href.replace('file:', 'FILE:'), 'src/a.ts'],
    ['a file://localhost URI', (r) => `file://localhost${join(r, 'src', 'a.ts')}`, 'src/a.ts'],
    ['a percent-encoded file: URI', (r) => pathToFileURL(join(r, 'src', 'with space.ts')).href, 'src/with space.ts'],
    ['a symlink that stays inside (its real path)', () => 'link-in/a.ts', 'src/a.ts'],
  ];
  for (const [what, given, rel] of opens) {
    it(`opens ${what}`, async () => {
      const r = await resolveLocation(root, given(root), 2);
      assert.ok(!('error' in r), JSON.stringify(r));
      assert.equal(r.rel, rel);
      assert.equal(r.line, 2);
    });
  }

  const refused: Array<[string, (r: string, b: string) => string, RegExp]> = [
    ['a parent-folder escape', () => '../outside/secret.txt', /outside the workspace/],
    ['a deep escape through a real folder', () => 'src/../../outside/secret.txt', /outside the workspace/],
    ['a backslash escape', () => '..\\outside\\secret.txt', /outside the workspace/],
    ['an absolute path outside', (_r, b) => join(b, 'outside', 'secret.txt'), /outside the workspace/],
    ['a sibling sharing the prefix', (r) => `${r}-other.txt`, /outside the workspace/],
    ['a symlinked folder that leads out', () => 'link-out/secret.txt', /outside the workspace/],
    ['a symlinked file that leads out', () => 'secret-link.txt', /outside the workspace/],
    ['a file: URI outside', (_r, b) => pathToFileURL(join(b, 'outside', 'secret.txt')).href, /outside the workspace/],
    ['a file: URI with encoded ..', (r) => `file://${r}/%2e%2e/outside/secret.txt`, /outside the workspace/],
    ['a file: URI with an encoded slash', (r) => `file://${r}/src%2Fa.ts`, /not a file in this workspace/],
    ['a file: URI on another host', (r) => `file://attacker.example${r}/src/a.ts`, /not a file in this workspace/],
    ['a vscode: URI', () => 'vscode://file/etc/passwd', /not a file in this workspace/],
    ['a command: URI', () => 'command:workbench.action.quit', /not a file in this workspace/],
    ['an http URL', () => 'https://example.com/a.ts', /not a file in this workspace/],
    ['a NUL byte', () => 'src/a.ts\0.png', /not a file path/],
    ['a newline', () => 'src/a.ts\n../outside/secret.txt', /not a file path/],
    ['an empty path', () => '  ', /not a file path/],
    ['a missing file', () => 'src/gone.ts', /src\/gone\.ts does not exist/],
    ['a folder', () => 'src', /src is a folder/],
  ];
  for (const [what, given, why] of refused) {
    it(`refuses ${what}`, async () => {
      const r = await resolveLocation(root, given(root, base), 1);
      assert.ok('error' in r, `expected a refusal, got ${JSON.stringify(r)}`);
      assert.match(r.error, why);
    });
  }

  it('keeps a range only when it ends at or after its start', async () => {
    assert.deepEqual(await resolveLocation(root, 'src/a.ts', 3, 7), { abs: join(root, 'src', 'a.ts'), rel: 'src/a.ts', line: 3, endLine: 7 });
    assert.deepEqual(await resolveLocation(root, 'src/a.ts', 7, 3), { abs: join(root, 'src', 'a.ts'), rel: 'src/a.ts', line: 7 });
    assert.deepEqual(await resolveLocation(root, 'src/a.ts'), { abs: join(root, 'src', 'a.ts'), rel: 'src/a.ts' });
  });
});
