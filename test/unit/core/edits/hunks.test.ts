import { strict as assert } from 'node:assert';
import { applyHunks, describeRejectedHunks, splitHunks } from '../../../../src/core/edits/hunks';

const OLD = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
const NEW = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'I', 'I2', 'j', 'k'].join('\n') + '\n';

describe('hunks of a proposed change', () => {
  it('splits each run of changed lines into its own hunk with line numbers and context', () => {
    const hunks = splitHunks(OLD, NEW);
    assert.equal(hunks.length, 3);
    assert.deepEqual(
      hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      [
        [2, 1, 2, 1],
        [9, 1, 9, 2],
        [11, 0, 12, 1],
      ],
    );
    assert.equal(hunks[0].text, '@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e');
    assert.match(hunks[2].text, /\n j\n\+k$/);
  });

  it('rebuilds the file from any subset of accepted hunks, byte for byte', () => {
    const table: Array<[number[], string]> = [
      [[], OLD],
      [[0, 1, 2], NEW],
      [[0], OLD.replace('b\n', 'B\n')],
      [[1], OLD.replace('i\n', 'I\nI2\n')],
      [[2], OLD + 'k\n'],
      [[0, 2], OLD.replace('b\n', 'B\n') + 'k\n'],
    ];
    for (const [accepted, expected] of table) assert.equal(applyHunks(OLD, NEW, new Set(accepted)), expected, `accepted ${accepted.join(',')}`);
  });

  it('keeps CRLF line ends, a missing final newline, and whole-file creation and deletion', () => {
    assert.equal(applyHunks('x\r\ny\r\n', 'x\r\nY\r\n', new Set([0])), 'x\r\nY\r\n');
    assert.equal(applyHunks('x\r\ny\r\n', 'x\r\nY\r\n', new Set()), 'x\r\ny\r\n');
    assert.equal(applyHunks('a\nb', 'a\nB', new Set([0])), 'a\nB');
    assert.equal(applyHunks('', 'new\nfile\n', new Set([0])), 'new\nfile\n');
    assert.equal(splitHunks('gone\n', '').length, 1);
  });

  it('tells the model which hunks were rejected, with their text and the reason', () => {
    const hunks = splitHunks(OLD, NEW);
    const text = describeRejectedHunks('src/x.txt', hunks, [{ index: 1, reason: 'keep i' }]);
    assert.match(text, /^Rejected hunk 2 of 3 in src\/x\.txt \(reason: keep i\):\n@@ /);
    assert.match(text, /\n-i\n\+I\n\+I2\n/);
  });
});
