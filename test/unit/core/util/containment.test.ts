import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseInsensitiveAt, containedPath, containedPathSync, isInside, realpathAllowMissing, realpathAllowMissingSync } from '../../../../src/core/util/containment';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import type { ProposedChange } from '../../../../src/core/changes/change';

describe('containment (the one "inside the workspace?" check)', () => {
  let base: string;
  let root: string;
  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'contain-')));
    root = join(base, 'app');
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(base, 'app-other'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
    symlinkSync(join(base, 'outside'), join(root, 'link-out'));
    // Dangling links: the target does not exist yet, so a write through the link would create it outside.
    symlinkSync(join(base, 'outside', 'new.txt'), join(root, 'dangling-out'));
    symlinkSync(join(base, 'outside', 'missing-dir', 'deeper'), join(root, 'dangling-dir-out'));
    symlinkSync(join(root, 'dangling-out'), join(root, 'chain-out'));
    symlinkSync(join(root, 'src', 'later.ts'), join(root, 'dangling-in'));
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const outside: Array<[string, (b: string) => string]> = [
    ['a look-alike prefix (/w/app vs /w/app-other)', (b) => join(b, 'app-other', 'x')],
    ['a parent-folder climb', () => '../outside/secret.txt'],
    ['a climb through a missing folder', () => 'nope/../../outside/secret.txt'],
    ['a symlinked folder that leaves', () => 'link-out/secret.txt'],
    ['a new file below a symlinked folder that leaves', () => 'link-out/a/b/new.ts'],
    ['a dangling link whose target would be created outside', () => 'dangling-out'],
    ['a dangling link into a missing folder outside', () => 'dangling-dir-out'],
    ['a link to a dangling link that leaves', () => 'chain-out'],
    ['a link loop (cannot be resolved: fail closed)', () => 'loop-a'],
    ['a path through a link loop', () => 'loop-a/x'],
  ];
  for (const [what, p] of outside) {
    it(`calls ${what} outside, async and sync alike`, async () => {
      assert.equal(await containedPath(root, p(base)), undefined);
      assert.equal(containedPathSync(root, p(base)), undefined);
    });
  }

  const inside: Array<[string, string, string]> = [
    ['a missing file under missing parents', 'src/a/b/c.ts', 'src/a/b/c.ts'],
    ['a dangling link whose target is inside', 'dangling-in', 'src/later.ts'],
    ['a name that begins with two dots', '..config', '..config'],
    ['the root itself', '.', ''],
  ];
  for (const [what, p, rel] of inside) {
    it(`calls ${what} inside, with its real relative path`, async () => {
      assert.equal((await containedPath(root, p))?.rel, rel);
      assert.equal(containedPathSync(root, p)?.rel, rel);
    });
  }

  it('resolves a dangling link to where a write through it would land', async () => {
    assert.equal(await realpathAllowMissing(join(root, 'dangling-out')), join(base, 'outside', 'new.txt'));
    assert.equal(realpathAllowMissingSync(join(root, 'chain-out')), join(base, 'outside', 'new.txt'));
    await assert.rejects(realpathAllowMissing(join(root, 'loop-a')), /ELOOP|symbolic links/);
  });

  it('compares without case only when told the file system ignores case', () => {
    assert.equal(isInside('/w/App', '/w/app/x'), false);
    assert.equal(isInside('/w/App', '/w/app/x', { caseInsensitive: true }), true);
    assert.equal(isInside('/w/App', '/w/app-other/x', { caseInsensitive: true }), false);
  });

  it('probes case sensitivity from the disk (either answer, checked against the disk itself)', () => {
    const dir = join(base, 'CaseProbe');
    mkdirSync(dir);
    assert.equal(caseInsensitiveAt(dir), existsSync(join(base, 'caseprobe')));
    // On a case-insensitive disk the other spelling of the root is inside; on a sensitive one it is another folder.
    assert.equal(containedPathSync(dir, join(base, 'caseprobe', 'x')) !== undefined, existsSync(join(base, 'caseprobe')));
  });
});

describe('the file applier re-checks containment at write time', () => {
  let base: string;
  let root: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'applier-')));
    root = join(base, 'ws');
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(base, 'outside'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const create = (p: string, text = 'pwned'): ProposedChange => ({ kind: 'create', path: p, newText: text }) as ProposedChange;

  it('refuses a create through a dangling link that leads out (nothing written outside)', async () => {
    symlinkSync(join(base, 'outside', 'evil.sh'), join(root, 'evil.sh'));
    await assert.rejects(new FileApplier(root).apply(create('evil.sh')), /outside the workspace/);
    assert.equal(existsSync(join(base, 'outside', 'evil.sh')), false);
  });

  it('refuses a create below a folder swapped for a link after the proposal', async () => {
    const change = create('gen/out.txt');
    symlinkSync(join(base, 'outside'), join(root, 'gen'));
    await assert.rejects(new FileApplier(root).apply(change), /outside the workspace/);
    assert.equal(existsSync(join(base, 'outside', 'out.txt')), false);
  });

  it('still writes a new file under missing parents inside', async () => {
    await new FileApplier(root).apply(create('a/b/c.txt', 'ok'));
    assert.equal(readFileSync(join(root, 'a', 'b', 'c.txt'), 'utf8'), 'ok');
  });
});
