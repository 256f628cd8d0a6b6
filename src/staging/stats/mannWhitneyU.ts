import { midranks } from "./midranks.js";
import { normalSf } from "./normal.js";
import { rankSumCounts } from "./rankSumCounts.js";
import { assertSample } from "./sortedSample.js";

/** Result of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (a[i], b[j]) with a[i] > b[j], ties counting ½ (scipy's statistic). */
  u: number;
  /** Two-sided p-value in [0, 1]. */
  p: number;
  /** "exact" up to MANN_WHITNEY_EXACT_MAX_N pooled values, "normal" beyond. */
  method: "exact" | "normal";
}

/** Largest pooled size n1 + n2 for which `mannWhitneyU` computes the exact p-value. */
export const MANN_WHITNEY_EXACT_MAX_N = 50;

/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test of samples a and b, correct with ties.
 * p = P(|U − n1·n2/2| ≥ |u − n1·n2/2|) under the null hypothesis that all splits of the pooled midranks are
 * equally likely. For n1 + n2 ≤ 50 this is the exact permutation probability (the distribution of the
 * midrank sum, ties included, counted by dynamic programming); beyond, the normal approximation with tie
 * correction and continuity correction ½, as scipy's method="asymptotic". Identical samples give p = 1.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  assertSample(a, "mannWhitneyU (first sample)");
  assertSample(b, "mannWhitneyU (second sample)");
  const n1 = a.length;
  const n2 = b.length;
  const { doubledRanks, tieSizes } = midranks([...a, ...b]);
  const doubledR1 = sum(doubledRanks.slice(0, n1));
  const u = (doubledR1 - n1 * (n1 + 1)) / 2;
  if (n1 + n2 <= MANN_WHITNEY_EXACT_MAX_N) {
    return { u, p: exactP(doubledRanks, doubledR1, n1), method: "exact" };
  }
  return { u, p: normalP(u, n1, n2, tieSizes), method: "normal" };
}

/** Exact two-sided p from the permutation distribution of the (doubled) rank sum of the first n1 values. */
function exactP(doubledRanks: readonly number[], doubledR1: number, n1: number): number {
  const n = doubledRanks.length;
  // Count subsets of the smaller group: cheaper, and |U1 − mean| = |U2 − mean|, so the p-value is the same.
  const k = Math.min(n1, n - n1);
  const observed = k === n1 ? doubledR1 : sum(doubledRanks) - doubledR1;
  const center = k * (n + 1); // twice the null mean of the rank sum, an integer
  const deviation = Math.abs(observed - center);
  const counts = rankSumCounts(doubledRanks, k);
  let extreme = 0;
  let total = 0;
  counts.forEach((count, s) => {
    total += count;
    if (Math.abs(s - center) >= deviation) extreme += count;
  });
  return Math.min(1, extreme / total);
}

/** Normal approximation with tie-corrected variance and continuity correction, capped at 1. */
function normalP(u: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((acc, t) => acc + (t * t * t - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return 1; // every value tied: U cannot deviate from its mean
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * normalSf(z));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
