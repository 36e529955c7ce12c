// What a task's turn ends with: the files its edits wrote (counted from the text before the turn to
// the text now), each file's text from before the turn, and how its last test run (else its last
// command) ended.
import { strict as assert } from 'node:assert';
import { lineCounts, TurnSummary } from '../../../../src/core/agent/turnSummary';
import type { AgentEvent } from '../../../../src/core/agent/events';

let n = 0;
type Change = { path: string; kind: 'create' | 'update' | 'delete' | 'move'; newPath?: string; oldText?: string; newText?: string };
const applied = (...changes: Change[]): AgentEvent => ({ type: 'toolCallFinished', id: `e${++n}`, name: 'apply_patch', output: 'Applied', isError: false, meta: { applied: changes.map((_, i) => `c${n}.${i}`), changes: changes.map((c) => ({ id: 'x', diff: '', added: 99, removed: 99, ...c })) } });
const command = (s: TurnSummary, cmd: string, exitCode: number) => {
  const id = `t${++n}`;
  s.add({ type: 'toolCallStarted', id, name: 'run_command', arguments: JSON.stringify({ command: cmd }) });
  s.add({ type: 'toolCallFinished', id, name: 'run_command', output: '', isError: exitCode !== 0, meta: { exitCode } });
};

describe('turn summary', () => {
  it('counts lines from the text before the turn to the text now, over several edits of a file', () => {
    const s = new TurnSummary();
    s.add(applied({ path: 'src/a.js', kind: 'update', oldText: 'a\nb\nc\n', newText: 'a\nB\nc\n' }));
    s.add(applied({ path: 'src/a.js', kind: 'update', oldText: 'a\nB\nc\n', newText: 'a\nB\nc\nd\n' }));
    assert.deepEqual(s.changedFiles(), [{ path: 'src/a.js', added: 2, removed: 1 }]);
    assert.equal(s.textBefore('src/a.js'), 'a\nb\nc\n');
    assert.deepEqual(s.card(), { title: '1 file changed', files: [{ path: 'src/a.js', added: 2, removed: 1 }] });
  });

  it('leaves out a file changed and changed back, and edits that were not applied', () => {
    const s = new TurnSummary();
    s.add(applied({ path: 'a.txt', kind: 'update', oldText: 'x\n', newText: 'y\n' }));
    s.add(applied({ path: 'a.txt', kind: 'update', oldText: 'y\n', newText: 'x\n' }));
    s.add({ type: 'toolCallFinished', id: 'r1', name: 'edit_file', output: 'rejected', isError: true, meta: { rejected: true, changes: ['c1'] } });
    assert.deepEqual(s.changedFiles(), []);
    assert.equal(s.card(), undefined);
    assert.equal(s.summary(), undefined);
  });

  it('follows a file created, one deleted and one moved then edited', () => {
    const s = new TurnSummary();
    s.add(applied({ path: 'new.txt', kind: 'create', newText: 'one\ntwo\n' }, { path: 'gone.txt', kind: 'delete', oldText: 'bye\n' }));
    s.add(applied({ path: 'old.js', kind: 'move', newPath: 'lib/moved.js', oldText: 'k\n', newText: 'k\n' }));
    s.add(applied({ path: 'lib/moved.js', kind: 'update', oldText: 'k\n', newText: 'k\nl\n' }));
    assert.deepEqual(s.changedFiles(), [
      { path: 'new.txt', added: 2, removed: 0, created: true },
      { path: 'gone.txt', added: 0, removed: 1, deleted: true },
      { path: 'lib/moved.js', from: 'old.js', added: 1, removed: 0 },
    ]);
    assert.equal(s.textBefore('new.txt'), undefined, 'a created file had no text before');
    assert.equal(s.textBefore('lib/moved.js'), 'k\n');
    assert.equal(s.card()?.title, '3 files changed');
  });

  it('reports the last test run, even when other commands ran after it', () => {
    const s = new TurnSummary();
    s.add(applied({ path: 'src/a.js', kind: 'update', oldText: 'a\n', newText: 'b\n' }));
    command(s, 'npm test', 1);
    command(s, 'cd app && npx vitest run', 0);
    command(s, 'ls -la', 0);
    assert.deepEqual(s.card()?.check, { command: 'cd app && npx vitest run', passed: true, isTest: true });
    assert.equal(s.summary(), '1 file changed: src/a.js (+1 −1) · tests passed (cd app && npx vitest run)');
  });

  it('reports the last command when no test ran, and says when it failed', () => {
    const s = new TurnSummary();
    command(s, 'make build', 2);
    assert.deepEqual(s.card(), { title: 'No files changed', files: [], check: { command: 'make build', passed: false, isTest: false } });
    assert.equal(s.summary(), 'last command failed (make build)');
    const t = new TurnSummary();
    command(t, 'pytest -q', 1);
    assert.equal(t.summary(), 'tests failed (pytest -q)');
  });

  it('names the command as the user edited it before it ran, not as the model asked', () => {
    const s = new TurnSummary();
    s.add({ type: 'toolCallStarted', id: 'ed1', name: 'run_command', arguments: JSON.stringify({ command: 'npm test' }) });
    s.add({ type: 'approvalResolved', toolCallId: 'ed1', approved: true, command: 'npm test -- --grep add' });
    s.add({ type: 'toolCallFinished', id: 'ed1', name: 'run_command', output: '', isError: false, meta: { exitCode: 0, edited: true } });
    assert.deepEqual(s.card()?.check, { command: 'npm test -- --grep add', passed: true, isTest: true });
  });

  it('counts added and removed lines of whole texts', () => {
    const table: Array<[string | undefined, string | undefined, number, number]> = [
      [undefined, 'a\nb\n', 2, 0],
      ['a\nb\n', undefined, 0, 2],
      ['a\nb\nc\n', 'a\nc\nd\n', 1, 1],
      ['same\n', 'same\n', 0, 0],
      ['no newline', 'no newline\n', 1, 1],
    ];
    for (const [before, after, added, removed] of table) assert.deepEqual(lineCounts(before, after), { added, removed }, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  });
});
