// walk(): a walk that starts in a subfolder still obeys the .gitignore files above it, and skipDir
// keeps a folder out without hiding the folder itself.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { walk } from '../../../../src/core/util/walk';
import { tempWorkspace } from '../agent/testTools';

async function list(root: string, start: string, skipDir?: (rel: string, name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walk(root, start, { skipDir })) out.push(e.isDir ? `${e.rel}/` : e.rel);
  return out.sort();
}

describe('walk', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempWorkspace({
      '.gitignore': '*.log\n/top-only.txt\n',
      'a/.gitignore': 'gen/\n',
      'a/b/keep.ts': '',
      'a/b/trace.log': '',
      'a/b/gen/out.ts': '',
      'a/b/top-only.txt': '',
      'a/b/node_modules/x/index.js': '',
    });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('applies the .gitignore files of the root and of every folder above the start', async () => {
    assert.deepEqual(await list(root, 'a/b'), ['a/b/keep.ts', 'a/b/node_modules/', 'a/b/node_modules/x/', 'a/b/node_modules/x/index.js', 'a/b/top-only.txt']);
  });

  it('does not enter folders skipDir names, but still yields them', async () => {
    assert.deepEqual(await list(root, 'a', (_rel, name) => name === 'node_modules'), ['a/.gitignore', 'a/b/', 'a/b/keep.ts', 'a/b/node_modules/', 'a/b/top-only.txt']);
  });
});
