// AGENTS.md: the root file opens the conversation; files in folders on the way to a touched path
// are given when first needed, the nearest last and marked as taking precedence.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { foldersOnPath, instructionsOnPath, InstructionTracker, nearestInstructions } from '../../../../src/core/agent/instructions';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

describe('project instructions (AGENTS.md)', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempWorkspace({
      'AGENTS.md': 'Use tabs.',
      'pkg/AGENTS.md': 'Use 2 spaces in pkg.',
      'pkg/core/AGENTS.md': 'Use 4 spaces in core.',
      'pkg/core/x.ts': 'export {};\n',
      'other/AGENTS.md': 'Not on the way.',
      'pkg/core/deep/y.ts': 'export {};\n',
    });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const table: Array<[string, string[]]> = [
    ['x.ts', ['']],
    ['pkg/core/x.ts', ['', 'pkg', 'pkg/core']],
    ['./pkg/a.ts', ['', 'pkg']],
    ['pkg\\core\\x.ts', ['', 'pkg', 'pkg/core']],
    ['../outside/x.ts', ['']],
  ];
  for (const [p, expected] of table) {
    it(`folders on the way to ${p}`, () => assert.deepEqual(foldersOnPath(p), expected));
  }

  it('nearest wins: the deepest AGENTS.md on the path comes last and is the nearest', async () => {
    const files = await instructionsOnPath(root, 'pkg/core/deep/y.ts');
    assert.deepEqual(files.map((f) => f.dir), ['', 'pkg', 'pkg/core']);
    assert.equal((await nearestInstructions(root, 'pkg/core/deep/y.ts'))?.text, 'Use 4 spaces in core.');
    assert.equal((await nearestInstructions(root, 'pkg/z.ts'))?.text, 'Use 2 spaces in pkg.');
    assert.equal((await nearestInstructions(root, 'top.ts'))?.text, 'Use tabs.');
  });

  it('ignores an AGENTS.md symlinked to a file outside the workspace', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-outside-'));
    await fs.writeFile(path.join(outside, 'secret.md'), 'SECRET');
    await fs.mkdir(path.join(root, 'link'));
    await fs.symlink(path.join(outside, 'secret.md'), path.join(root, 'link/AGENTS.md'));
    const files = await instructionsOnPath(root, 'link/a.ts');
    assert.ok(!files.some((f) => f.text.includes('SECRET')));
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('the tracker gives each file once', async () => {
    const t = new InstructionTracker(root);
    assert.equal((await t.forRoot())?.text, 'Use tabs.');
    assert.deepEqual((await t.newFor('pkg/core/x.ts')).map((f) => f.dir), ['pkg', 'pkg/core']);
    assert.deepEqual(await t.newFor('pkg/core/deep/y.ts'), []);
  });

  it('in the loop: root instructions open the conversation, nested ones arrive with the touched file', async () => {
    const server = await ModelServer.start();
    try {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'pkg/core/x.ts' } }]), chatStream('ok'));
      const h = harness(server, root);
      await h.run('indent x.ts');
      const first = server.requestsTo(CHAT)[0].body.messages;
      assert.match(first[1].content, /Use tabs\./);
      assert.doesNotMatch(first[1].content, /spaces/);
      const out = ofType(h.events, 'toolCallFinished')[0].output;
      assert.ok(out.indexOf('Use 2 spaces in pkg.') < out.indexOf('Use 4 spaces in core.'));
      assert.match(out, /source="pkg\/core\/AGENTS.md"[^>]*overrides instructions from parent folders/);
      assert.doesNotMatch(out, /Not on the way/);
    } finally {
      await server.close();
    }
  });
});
