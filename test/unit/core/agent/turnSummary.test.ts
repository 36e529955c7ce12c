// The line a task ends with: the files its edits wrote and how its last test run ended.
import { strict as assert } from 'node:assert';
import { TurnSummary } from '../../../../src/core/agent/turnSummary';

describe('turn summary', () => {
  it('names the files written and the last test run', () => {
    const s = new TurnSummary();
    s.add({ type: 'toolCallFinished', id: 'e1', name: 'edit_file', output: 'Applied', isError: false, meta: { applied: ['c1'], changes: [{ path: 'src/a.js', added: 2, removed: 1 }] } });
    s.add({ type: 'toolCallFinished', id: 'e2', name: 'apply_patch', output: 'Applied', isError: false, meta: { applied: ['c2', 'c3'], changes: [{ path: 'src/a.js', added: 1, removed: 0 }, { path: 'src/old.js', newPath: 'src/new.js', added: 0, removed: 0 }] } });
    s.add({ type: 'toolCallStarted', id: 't1', name: 'run_command', arguments: JSON.stringify({ command: 'npm test' }) });
    s.add({ type: 'toolCallFinished', id: 't1', name: 'run_command', output: 'fail', isError: true, meta: { exitCode: 1 } });
    s.add({ type: 'toolCallStarted', id: 't2', name: 'run_command', arguments: JSON.stringify({ command: 'cd app && npx vitest run' }) });
    s.add({ type: 'toolCallFinished', id: 't2', name: 'run_command', output: 'ok', isError: false, meta: { exitCode: 0 } });
    assert.equal(s.summary(), '2 files changed: src/a.js (+3 −1), src/new.js (+0 −0) · tests passed (cd app && npx vitest run)');
  });

  it('leaves out rejected edits and commands that are not tests', () => {
    const s = new TurnSummary();
    s.add({ type: 'toolCallFinished', id: 'e1', name: 'edit_file', output: 'rejected', isError: true, meta: { rejected: true, changes: ['c1'] } });
    s.add({ type: 'toolCallStarted', id: 'l1', name: 'run_command', arguments: JSON.stringify({ command: 'ls -la' }) });
    s.add({ type: 'toolCallFinished', id: 'l1', name: 'run_command', output: '', isError: false, meta: { exitCode: 0 } });
    assert.equal(s.summary(), undefined);
  });

  it('says when the last test run failed', () => {
    const s = new TurnSummary();
    s.add({ type: 'toolCallStarted', id: 't1', name: 'run_command', arguments: JSON.stringify({ command: 'pytest -q' }) });
    s.add({ type: 'toolCallFinished', id: 't1', name: 'run_command', output: '1 failed', isError: true, meta: { exitCode: 1 } });
    assert.equal(s.summary(), 'tests failed (pytest -q)');
  });
});
