// Which file (and lines) a tool step links to: read_file's path and range as given, an applied
// edit's first changed line in the new text; nothing for other tools or a deleted file.
import { strict as assert } from 'node:assert';
import { targetOfCall, targetOfEdit } from '../../../src/vscode/chat/stepTargets';

describe('tool step targets', () => {
  it('takes read_file, edit_file and write_file paths, and read_file ranges as given', () => {
    assert.deepEqual(targetOfCall('read_file', JSON.stringify({ path: 'src/a.ts', start_line: 10, end_line: 20 })), { path: 'src/a.ts', line: 10, endLine: 20 });
    assert.deepEqual(targetOfCall('read_file', JSON.stringify({ path: 'src/a.ts', start_line: 10 })), { path: 'src/a.ts', line: 10 });
    assert.deepEqual(targetOfCall('read_file', JSON.stringify({ path: 'src/a.ts', start_line: 10, end_line: 2 })), { path: 'src/a.ts', line: 10 });
    assert.deepEqual(targetOfCall('edit_file', JSON.stringify({ path: 'src/b.ts', old_string: 'x', new_string: 'y' })), { path: 'src/b.ts' });
    assert.equal(targetOfCall('run_command', JSON.stringify({ command: 'ls' })), undefined);
    assert.equal(targetOfCall('read_file', '{not json'), undefined);
    assert.equal(targetOfCall('read_file', JSON.stringify({ path: 42 })), undefined);
  });

  it("points an applied edit at the first line it changed, and a whole added block as a range", () => {
    const meta = { applied: ['c1'], changes: [{ path: 'src/a.ts', kind: 'update', oldText: 'a\nb\nc\nd\n', newText: 'a\nb\nC\nC2\nd\n' }] };
    assert.deepEqual(targetOfEdit(meta), { path: 'src/a.ts', line: 3, endLine: 4 });
    const moved = { applied: ['c1'], changes: [{ path: 'old.ts', newPath: 'new.ts', kind: 'move', oldText: 'x\n', newText: 'y\n' }] };
    assert.deepEqual(targetOfEdit(moved), { path: 'new.ts', line: 1 });
    assert.equal(targetOfEdit({ applied: ['c1'], changes: [{ path: 'gone.ts', kind: 'delete', oldText: 'x\n' }] }), undefined);
    assert.equal(targetOfEdit({ rejected: true, changes: ['c1'] }), undefined);
  });
});
