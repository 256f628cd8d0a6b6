/**
 * Null distribution of a signed-rank sum: entry s is P(S = s) for S = Σ wᵢ·Bᵢ with independent fair coins Bᵢ,
 * i.e. the sum of the weights of the positive differences when every sign pattern is equally likely. Weights are
 * non-negative integers (ranks, or doubled midranks when there are ties). Each item halves the probabilities,
 * so they are exact binary fractions up to 53 items (where counts would pass 2^53) and accurate beyond.
 * `limit` keeps only the sums ≤ limit (a lower tail). Cost O(n · min(Σw, limit)).
 */
export function signedRankDistribution(weights: readonly number[], limit = Infinity): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const top = Math.min(total, limit);
  const probs = new Float64Array(top + 1);
  probs[0] = 1;
  let reach = 0;
  for (const w of weights) {
    reach = Math.min(reach + w, top);
    // Downwards, so that probs[s − w] still holds the previous item's value.
    for (let s = reach; s >= 0; s--) {
      const shifted = s >= w ? (probs[s - w] ?? 0) : 0;
      probs[s] = 0.5 * ((probs[s] ?? 0) + shifted);
    }
  }
  return probs;
}

/** P(S ≤ s), summed from the far end so that the small terms come first. */
export function lowerTail(probs: Float64Array, s: number): number {
  let sum = 0;
  for (let k = 0; k <= Math.min(s, probs.length - 1); k++) sum += probs[k] ?? 0;
  return sum;
}

/** P(S ≥ s), summed from the far end so that the small terms come first. */
export function upperTail(probs: Float64Array, s: number): number {
  let sum = 0;
  for (let k = probs.length - 1; k >= Math.max(s, 0); k--) sum += probs[k] ?? 0;
  return sum;
}
