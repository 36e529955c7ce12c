// tandem fix's bookkeeping without a model: groups by file in path order, --rules, --shard (disjoint,
// complete, stable), and the judge's matching of findings before and after a patch (moved lines
// still match; a new medium finding is caught; a low one is not held against the patch).
import { strict as assert } from 'node:assert';
import type { AttemptResult } from '../../../../src/core/attempts/attemptRun';
import type { Finding } from '../../../../src/core/changes/finding';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { groupFindings, shardOf } from '../../../../src/core/fix/groups';
import { compareFindings, judgeAttempt } from '../../../../src/core/fix/judge';

const f = (path: string, line: number, ruleId: string, snippet = `${ruleId} at ${line}`, severity: Finding['severity'] = 'high'): Finding => ({ ruleId, cwe: 'CWE-1', severity, message: 'm', fix: 'f', path, line, snippet });

const result = (changes: AttemptResult['changes'], tests = true): AttemptResult => ({ index: 1, model: { model: 'm' }, outcome: 'answer', changes, notText: [], conflicts: [], filesChanged: changes.length, linesAdded: 1, linesRemoved: 1, linesChanged: 2, tokens: { input: 0, output: 0 }, durationMs: 1, finishedAtMs: 1, setupMs: 0, tests: { command: 't', passed: tests, exitCode: tests ? 0 : 1, timedOut: false, durationMs: 1, outputTail: '' } });

describe('tandem fix: groups, shards and the judge', () => {
  const all = [f('b.js', 3, 'sql-injection'), f('a.py', 9, 'weak-hash', 'x', 'medium'), f('b.js', 1, 'dynamic-eval'), f('c.java', 2, 'weak-hash'), f('d.ts', 5, 'sql-injection')];

  it('groups by file in path order, findings by line; --rules keeps the baseline of the whole file', () => {
    const g = groupFindings(all, undefined);
    assert.deepEqual(g.map((x) => [x.path, x.findings.map((y) => y.line)]), [['a.py', [9]], ['b.js', [1, 3]], ['c.java', [2]], ['d.ts', [5]]]);
    const only = groupFindings(all, ['sql-injection']);
    assert.deepEqual(only.map((x) => x.path), ['b.js', 'd.ts']);
    assert.equal(only[0].before.length, 2, 'the unselected eval finding stays in the baseline');
  });

  it('shards are disjoint, cover everything and do not depend on the input order', () => {
    const groups = groupFindings(all, undefined);
    const shards = [1, 2, 3].map((index) => shardOf(groups, { index, count: 3 }).map((g) => g.path));
    assert.deepEqual(shards, [['a.py', 'd.ts'], ['b.js'], ['c.java']]);
    assert.deepEqual(shardOf(groupFindings([...all].reverse(), undefined), { index: 1, count: 3 }).map((g) => g.path), shards[0]);
  });

  it('matches findings by rule and line text, then by rule: a moved line is not a fix', () => {
    const before = [f('a.js', 3, 'sql-injection', 'q("x" + id)'), f('a.js', 8, 'dynamic-eval', 'eval(s)')];
    const moved = [f('a.js', 5, 'sql-injection', 'q("x" + id)'), f('a.js', 10, 'dynamic-eval', 'eval( s )')];
    assert.deepEqual(compareFindings(before, moved), { gone: [], added: [] });
    const r = compareFindings(before, [f('a.js', 5, 'sql-injection', 'q("y" + id)'), f('a.js', 1, 'weak-hash', 'md5')]);
    assert.deepEqual(r.gone.map((x) => x.ruleId), ['dynamic-eval']);
    assert.deepEqual(r.added.map((x) => x.ruleId), ['weak-hash']);
  });

  it('judges a patch: only the group file, finding gone, nothing new of medium or above, tests pass', async () => {
    const [g] = groupFindings([f('a.js', 2, 'dynamic-eval')], undefined);
    const patch = (newText: string) => makeChange({ path: 'a.js', kind: 'update', oldText: 'x\neval(s)\n', newText });
    const scanOf = (findings: Finding[]) => async () => findings;
    assert.equal((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n')]), scanOf([]), true)).verified, true);
    assert.equal((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n')]), scanOf([f('a.js', 1, 'weak-hash', 'md5', 'low')]), true)).verified, true, 'a new low finding does not block');
    assert.match((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n')]), scanOf([f('a.js', 1, 'weak-hash', 'md5', 'medium')]), true)).why!, /brings in weak-hash \(line 1, medium\)/);
    assert.match((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n')], false), scanOf([]), true)).why!, /tests fail/);
    assert.equal((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n')], false), scanOf([]), false)).verified, true, 'no test command: the re-scan alone verifies');
    assert.match((await judgeAttempt(g, result([patch('y\neval(s)\n')]), scanOf([f('a.js', 2, 'dynamic-eval', 'eval(s)')]), true)).why!, /still there/);
    assert.match((await judgeAttempt(g, result([patch('x\nJSON.parse(s)\n'), makeChange({ path: 'b.js', kind: 'create', newText: 'z' })]), scanOf([]), true)).why!, /outside a\.js: b\.js \(refused\)/);
    assert.match((await judgeAttempt(g, result([makeChange({ path: 'a.js', kind: 'delete', oldText: 'x\neval(s)\n' })]), scanOf([]), true)).why!, /deletes a\.js/);
    assert.match((await judgeAttempt(g, result([]), scanOf([]), true)).why!, /changed nothing/);
  });
});
