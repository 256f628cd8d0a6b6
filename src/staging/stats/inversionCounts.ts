/**
 * Entry k counts the distinct arrangements of a multiset with the given group sizes that have k inversions
 * (pairs out of order; equal values are never an inversion). This is the q-multinomial coefficient
 * [n]_q! / Π [t]_q! with [m]_q! = Π_{j ≤ m} (1 + q + … + q^(j−1)) (MacMahon); the divisions are exact.
 * Counts are exact while the number of arrangements, n! / Π t!, stays below 2^53 (always for n ≤ 18).
 */
export function inversionCounts(groupSizes: readonly number[]): Float64Array {
  const n = groupSizes.reduce((sum, t) => sum + t, 0);
  let poly: Float64Array = Float64Array.of(1);
  for (let j = 2; j <= n; j++) poly = timesQInteger(poly, j);
  for (const t of groupSizes) for (let j = 2; j <= t; j++) poly = overQInteger(poly, j);
  return poly;
}

/** poly · (1 + q + … + q^(j−1)): a sliding window sum of width j. */
function timesQInteger(poly: Float64Array, j: number): Float64Array {
  const out = new Float64Array(poly.length + j - 1);
  let window = 0;
  for (let k = 0; k < out.length; k++) {
    window += poly[k] ?? 0;
    window -= poly[k - j] ?? 0;
    out[k] = window;
  }
  return out;
}

/** poly / (1 + q + … + q^(j−1)) = poly · (1 − q) / (1 − q^j), for a poly that the divisor divides. */
function overQInteger(poly: Float64Array, j: number): Float64Array {
  const out = new Float64Array(poly.length - j + 1);
  for (let k = 0; k < out.length; k++) {
    // poly = out · (1 + … + q^(j−1)), so poly[k] = out[k] + out[k−1] + … + out[k−j+1].
    let earlier = 0;
    for (let i = Math.max(0, k - j + 1); i < k; i++) earlier += out[i] ?? 0;
    out[k] = (poly[k] ?? 0) - earlier;
  }
  return out;
}
