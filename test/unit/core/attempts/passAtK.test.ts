// pass@k: the unbiased estimator 1 − C(n−c, k)/C(n, k), checked against the binomial formula itself
// and at its edges (no attempt passing, all passing, more draws than failing attempts).
import { strict as assert } from 'node:assert';
import { passAtK, passAtKTable } from '../../../../src/core/attempts/passAtK';

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe('pass@k', () => {
  it('equals 1 − C(n−c, k)/C(n, k) for every n ≤ 12, c ≤ n, k ≤ n', () => {
    for (let n = 1; n <= 12; n++)
      for (let c = 0; c <= n; c++)
        for (let k = 1; k <= n; k++) {
          const expected = n - c < k ? 1 : 1 - choose(n - c, k) / choose(n, k);
          assert.ok(Math.abs(passAtK(n, c, k) - expected) < 1e-12, `n=${n} c=${c} k=${k}`);
        }
  });

  const EDGES: Array<[string, number, number, number, number]> = [
    ['no attempt passed (c = 0)', 5, 0, 3, 0],
    ['every attempt passed (c = n)', 5, 5, 1, 1],
    ['more draws than failing attempts (k > n − c)', 5, 3, 3, 1],
    ['k = n with one pass', 4, 1, 4, 1],
    ['pass@1 is the pass rate', 4, 1, 1, 0.25],
    ['n = 1, c = 0', 1, 0, 1, 0],
  ];
  for (const [name, n, c, k, value] of EDGES) it(`${name}: pass@${k} of n=${n}, c=${c} is ${value}`, () => assert.equal(passAtK(n, c, k), value));

  it('stays finite for large n where the binomials overflow', () => {
    const p = passAtK(2000, 10, 100);
    assert.ok(p > 0.39 && p < 0.41, String(p));
  });

  it('refuses impossible arguments', () => {
    for (const [n, c, k] of [[0, 0, 1], [3, 4, 1], [3, -1, 1], [3, 1, 0], [3, 1, 4], [3, 1.5, 1]]) assert.throws(() => passAtK(n, c, k), RangeError, `${n} ${c} ${k}`);
  });

  it('tabulates pass@1 … pass@n keyed by k, to 6 decimals', () => {
    assert.deepEqual(passAtKTable(3, 1), { '1': 0.333333, '2': 0.666667, '3': 1 });
    assert.deepEqual(passAtKTable(2, 0), { '1': 0, '2': 0 });
  });
});
