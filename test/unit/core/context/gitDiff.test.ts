// @git in a real temp repository: the uncommitted diff and untracked names are attached, and the
// repository's own config cannot make Tandem run a program (external diff, textconv, fsmonitor).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitDiffAttachment } from '../../../../src/core/context/sources';

describe('@git', () => {
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  beforeEach(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-git-')));
    git('init', '-q');
    await fs.writeFile(path.join(root, 'a.txt'), 'one\n');
    git('add', '.');
    git('commit', '-qm', 'init');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('attaches the uncommitted diff and the untracked files', async () => {
    await fs.writeFile(path.join(root, 'a.txt'), 'two\n');
    await fs.writeFile(path.join(root, 'new.txt'), 'x\n');
    const a = await gitDiffAttachment(root);
    assert.match(a.text, /-one\n\+two/);
    assert.match(a.text, /Untracked files:\nnew\.txt/);
  });

  it('says so when nothing changed', async () => {
    assert.equal((await gitDiffAttachment(root)).text, 'No uncommitted changes to tracked files.');
  });

  it('does not run a program the repository configures', async () => {
    const marker = path.join(root, 'pwned');
    const script = path.join(root, 'evil.sh');
    await fs.writeFile(script, `#!/bin/sh\ntouch ${marker}\necho evil\n`, { mode: 0o755 });
    git('config', 'diff.external', script);
    git('config', 'core.fsmonitor', script);
    git('config', 'diff.evil.textconv', script);
    await fs.writeFile(path.join(root, '.gitattributes'), '*.txt diff=evil\n');
    await fs.writeFile(path.join(root, 'a.txt'), 'two\n');
    const a = await gitDiffAttachment(root);
    assert.match(a.text, /\+two/);
    assert.equal(existsSync(marker), false, 'the configured program ran');
  });

  it('explains when the folder is not a repository', async () => {
    const plain = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-nogit-'));
    try {
      await assert.rejects(gitDiffAttachment(plain), /@git needs a git repository/);
    } finally {
      await fs.rm(plain, { recursive: true, force: true });
    }
  });
});
