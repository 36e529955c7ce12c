// How the task history shows time (local time): day headings, relative labels, and rows that would
// look the same (same title, same minute) told apart.
import { strict as assert } from 'node:assert';
import { dayHeading, groupTasks, whenLabel } from '../../../media/historyDates';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();
const NOW = at(2025, 11, 26, 10, 30);

describe('task history dates', () => {
  const table: Array<[number, string, string]> = [
    [at(2025, 11, 26, 9, 12), 'Today', 'today 09:12'],
    [at(2025, 11, 26, 0, 0), 'Today', 'today 00:00'],
    [at(2025, 11, 25, 23, 59), 'Yesterday', 'yesterday 23:59'],
    [at(2025, 11, 24, 18, 3), '24 Nov', '24 Nov 18:03'],
    [at(2025, 11, 3, 7, 5), '3 Nov', '3 Nov 07:05'],
    [at(2025, 1, 1, 12, 0), '1 Jan', '1 Jan 12:00'],
    [at(2024, 12, 31, 23, 0), '31 Dec 2024', '31 Dec 2024 23:00'],
  ];
  for (const [t, heading, when] of table)
    it(`${when}`, () => {
      assert.equal(dayHeading(t, NOW), heading);
      assert.equal(whenLabel(t, NOW), when);
    });

  it('groups by day, newest first, keeping the order it was given', () => {
    const groups = groupTasks(
      [
        { id: 'a', title: 'A', updated: at(2025, 11, 26, 9) },
        { id: 'b', title: 'B', updated: at(2025, 11, 26, 8) },
        { id: 'c', title: 'C', updated: at(2025, 11, 25, 8) },
        { id: 'd', title: 'D', updated: at(2025, 10, 2, 8) },
      ],
      NOW,
    );
    assert.deepEqual(groups.map((g) => [g.heading, g.rows.map((r) => r.task.id)]), [['Today', ['a', 'b']], ['Yesterday', ['c']], ['2 Oct', ['d']]]);
  });

  it('tells apart tasks with the same title: by time, then seconds, then a number', () => {
    const rows = groupTasks(
      [
        { id: '1', title: 'Fix tests', updated: at(2025, 11, 26, 9, 12, 40) },
        { id: '2', title: 'Fix tests', updated: at(2025, 11, 26, 9, 12, 5) },
        { id: '3', title: 'Fix tests', updated: at(2025, 11, 26, 9, 12, 5) },
        { id: '4', title: 'Fix tests', updated: at(2025, 11, 26, 8, 0) },
        { id: '5', title: 'Other', updated: at(2025, 11, 26, 8, 0) },
      ],
      NOW,
    ).flatMap((g) => g.rows);
    assert.deepEqual(rows.map((r) => r.when), ['today 09:12:40', 'today 09:12:05', 'today 09:12:05 (2)', 'today 08:00', 'today 08:00']);
    const looks = rows.map((r) => `${r.task.title}|${r.when}`);
    assert.equal(new Set(looks).size, looks.length, 'no two rows look the same');
  });
});
