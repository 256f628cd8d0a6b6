import { mannWhitneyU } from "../stats/index.js";

const cache = new Map<string, number>();

/**
 * The smallest two-sided Mann–Whitney p-value samples of sizes n1 and n2 can give, whatever their
 * values: the p of two samples that do not overlap at all (no ties). It depends on the sizes only:
 * 2 / C(n1 + n2, n1) where the test is exact, e.g. 0.1 for 3 vs 3, 0.0286 for 4 vs 4, 0.0079 for 5 vs 5.
 * 1 when either sample is empty.
 */
export function minAchievableP(n1: number, n2: number): number {
  if (n1 < 1 || n2 < 1) return 1;
  const key = `${n1},${n2}`;
  let p = cache.get(key);
  if (p === undefined) {
    const a = Array.from({ length: n1 }, (_, i) => i);
    const b = Array.from({ length: n2 }, (_, i) => n1 + i);
    p = mannWhitneyU(a, b).p;
    cache.set(key, p);
  }
  return p;
}
