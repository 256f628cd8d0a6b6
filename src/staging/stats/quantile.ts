import { orderStat, sortedSample } from "./sortedSample.js";

/**
 * Quantile of a non-empty sample by Hyndman–Fan type 7 (numpy's default "linear", R's default):
 * with x sorted ascending (0-based) and h = (n − 1)·p, the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * `p` must lie in [0, 1]; p = 0 gives the minimum, p = 1 the maximum.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must lie in [0, 1], got ${p}`);
  const sorted = sortedSample(values, "quantile");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = orderStat(sorted, lo);
  if (t === 0) return a;
  const b = orderStat(sorted, lo + 1);
  // Interpolate from the nearer end, as numpy does, so results agree to the last bit.
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}
