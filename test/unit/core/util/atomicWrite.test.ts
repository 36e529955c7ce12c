// util/atomicWrite: the one temp-file-and-rename writer behind the file applier, the audit head
// records and the task history.
import { strict as assert } from 'node:assert';
import { promises as fs, mkdtempSync, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../../../src/core/util/atomicWrite';

describe('util/atomicWrite', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-atomic-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('replaces the content and keeps an existing file\'s mode with mode "keep"', async () => {
    const f = path.join(dir, 'run.sh');
    await fs.writeFile(f, 'old');
    await fs.chmod(f, 0o751);
    await writeFileAtomic(f, 'new', { mode: 'keep' });
    assert.equal(await fs.readFile(f, 'utf8'), 'new');
    assert.equal(statSync(f).mode & 0o7777, 0o751);
  });

  it('gives an exact 0600 whatever the umask, and creates parents when asked', async () => {
    const old = process.umask(0o000);
    try {
      const f = path.join(dir, 'a', 'b', 'head.json');
      await writeFileAtomic(f, '{}', { mode: 0o600, mkdir: { mode: 0o700 } });
      assert.equal(statSync(f).mode & 0o777, 0o600);
      assert.equal(statSync(path.dirname(f)).mode & 0o777, 0o700);
      writeFileAtomicSync(path.join(dir, 's.json'), 'x', { mode: 0o600 });
      assert.equal(statSync(path.join(dir, 's.json')).mode & 0o777, 0o600);
    } finally {
      process.umask(old);
    }
  });

  it('without mkdir a missing folder is an error, not a silent create', async () => {
    await assert.rejects(writeFileAtomic(path.join(dir, 'no', 'f.txt'), 'x'), /ENOENT/);
  });

  it('leaves no temporary file behind when the rename fails (the target is a folder)', async () => {
    const target = path.join(dir, 'taken');
    await fs.mkdir(path.join(target, 'inside'), { recursive: true });
    await assert.rejects(writeFileAtomic(target, 'x'));
    assert.throws(() => writeFileAtomicSync(target, 'x'));
    assert.deepEqual(readdirSync(dir), ['taken']);
  });
});
