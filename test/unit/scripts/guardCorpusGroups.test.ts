// The sums `--by-source` prints for the goal of issue 11: public material apart from our own, and the
// held-out public sources apart from the ones the rules were tuned on.
import { strict as assert } from 'node:assert';
import { groupSums, groupsOf, HELD_OUT_PUBLIC, HELD_OUT_PUBLIC_2, HELD_OUT_PUBLIC_3, OWN_SOURCES } from '../../../scripts/guard-corpus-groups';

const cell = (vulnerable: number, found: number, safe: number, flagged: number) => ({ vulnerable, found, safe, flagged });

describe('guard corpus source groups', () => {
  it('puts our own folders in no public group, and every other folder in exactly one public subgroup', () => {
    for (const s of OWN_SOURCES) assert.deepEqual(groupsOf(s), ['own']);
    for (const s of HELD_OUT_PUBLIC) assert.deepEqual(groupsOf(s), ['public, all', 'public, held out']);
    for (const s of HELD_OUT_PUBLIC_2) assert.deepEqual(groupsOf(s), ['public, all', 'public, held out, round 2']);
    for (const s of HELD_OUT_PUBLIC_3) assert.deepEqual(groupsOf(s), ['public, all', 'public, held out, round 3']);
    assert.equal(HELD_OUT_PUBLIC.filter((s) => HELD_OUT_PUBLIC_2.includes(s)).length, 0, 'a folder is in one round only');
    const rounds = [HELD_OUT_PUBLIC, HELD_OUT_PUBLIC_2, HELD_OUT_PUBLIC_3].flat();
    assert.equal(new Set(rounds).size, rounds.length, 'a folder is in one round only');
    assert.deepEqual(groupsOf('bandit'), ['public, all', 'public, tuned on']);
    assert.deepEqual(groupsOf('a-folder-added-later'), ['public, all', 'public, tuned on']);
  });

  it('sums the cells per group in a fixed order', () => {
    const bySource = new Map([
      ['tandem', cell(10, 9, 10, 1)],
      ['bandit', cell(4, 3, 6, 0)],
      ['dodgy', cell(2, 1, 1, 1)],
      [HELD_OUT_PUBLIC[0]!, cell(5, 1, 8, 2)],
      [HELD_OUT_PUBLIC_3[0]!, cell(3, 2, 4, 1)],
    ]);
    assert.deepEqual(groupSums(bySource), [
      ['public, all', cell(14, 7, 19, 4)],
      ['public, tuned on', cell(6, 4, 7, 1)],
      ['public, held out', cell(5, 1, 8, 2)],
      ['public, held out, round 3', cell(3, 2, 4, 1)],
      ['own', cell(10, 9, 10, 1)],
    ]);
  });

  it('leaves out a group no source falls in', () => {
    assert.deepEqual(groupSums(new Map([['bandit', cell(1, 1, 0, 0)]])).map(([g]) => g), ['public, all', 'public, tuned on']);
  });
});
