// Owns the pass@k numbers of a best-of-k run: the unbiased estimator of Chen et al. (2021),
// pass@k = 1 − C(n−c, k) / C(n, k) for n attempts of which c passed, computed as a product so that
// large n never overflows.

/** The chance that at least one of k attempts drawn from n (c of them passing) passes. */
export function passAtK(n: number, c: number, k: number): number {
  if (![n, c, k].every(Number.isInteger)) throw new RangeError(`pass@k needs whole numbers; got n=${n}, c=${c}, k=${k}.`);
  if (n < 1 || c < 0 || c > n || k < 1 || k > n) throw new RangeError(`pass@k needs 1 ≤ k ≤ n and 0 ≤ c ≤ n; got n=${n}, c=${c}, k=${k}.`);
  // Fewer failing attempts than draws: every draw of k holds a passing one.
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** pass@1 … pass@n keyed by k as a string (the JSON shape of the `attempts` event), to 6 decimals. */
export function passAtKTable(n: number, c: number): Record<string, number> {
  const out: Record<string, number> = {};
  // Rounded so the product's last-bit error (0.33333333333333326) does not show in reports.
  for (let k = 1; k <= n; k++) out[String(k)] = Math.round(passAtK(n, c, k) * 1e6) / 1e6;
  return out;
}
