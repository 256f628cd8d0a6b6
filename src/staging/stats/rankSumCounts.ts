/**
 * Exact null distribution of a rank sum with ties: entry s of the result counts the size-k subsets
 * of `weights` (non-negative integers, here doubled midranks) whose weights sum to s.
 * Dynamic programming over the items, one subset size per row; counts are exact while below 2^53
 * (always for n ≤ 56, as C(n, k) ≤ C(56, 28) < 2^53). Cost O(n · k · Σweights).
 */
export function rankSumCounts(weights: readonly number[], k: number): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const width = total + 1;
  const counts = new Float64Array((k + 1) * width);
  counts[0] = 1;
  let reach = 0;
  weights.forEach((w, i) => {
    reach += w;
    for (let size = Math.min(i + 1, k); size >= 1; size--) {
      const row = size * width;
      const prev = row - width - w;
      for (let s = reach; s >= w; s--) counts[row + s] = (counts[row + s] ?? 0) + (counts[prev + s] ?? 0);
    }
  });
  return counts.subarray(k * width, (k + 1) * width);
}
