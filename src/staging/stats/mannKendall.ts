import { inversionCounts } from "./inversionCounts.js";
import { median } from "./median.js";
import { normalSf } from "./normal.js";
import { assertSample } from "./sortedSample.js";

/** Result of a Mann–Kendall trend test. */
export interface MannKendallResult {
  /** S = Σ_{i<j} sign(x_j − x_i): positive for a rising series. */
  s: number;
  /** Kendall's τ_b between the window index and the values (scipy.stats.kendalltau); 0 when all values tie. */
  tau: number;
  /** Two-sided p-value of "no trend". */
  p: number;
  /** Sen's slope: the median of (x_j − x_i)/(j − i) over i < j, per window (scipy.stats.theilslopes). */
  slope: number;
  method: "exact" | "approx";
}

/** Largest series length for which `mannKendall` computes the exact p-value. */
export const MANN_KENDALL_EXACT_MAX_N = 10;

/**
 * Mann–Kendall trend test of successive values x_1 … x_n (n ≥ 2), e.g. a run's measurement windows, to flag a
 * run still warming up. Exact for n ≤ 10, ties included: under "no trend" every arrangement of the values is
 * equally likely, and S = n₀ − n₁ − 2·(inversions) with n₀ = n(n−1)/2 and n₁ the tied pairs, whose law is the
 * q-multinomial inversion count; p = P(|S| ≥ |s|). Beyond, the normal approximation of scipy.stats.kendalltau
 * (method="asymptotic", no continuity correction): Var S = (n(n−1)(2n+5) − Σ t(t−1)(2t+5))/18.
 */
export function mannKendall(values: readonly number[]): MannKendallResult {
  assertSample(values, "mannKendall");
  const n = values.length;
  if (n < 2) throw new RangeError(`mannKendall: needs at least 2 values, got ${n}`);
  let s = 0;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rise = (values[j] ?? 0) - (values[i] ?? 0);
      s += Math.sign(rise);
      slopes.push(rise / (j - i));
    }
  }
  const tieSizes = groupSizes(values);
  const pairs = (n * (n - 1)) / 2;
  const tiedPairs = tieSizes.reduce((sum, t) => sum + (t * (t - 1)) / 2, 0);
  const tau = tiedPairs === pairs ? 0 : s / Math.sqrt(pairs * (pairs - tiedPairs));
  const method = n <= MANN_KENDALL_EXACT_MAX_N ? "exact" : "approx";
  const p = method === "exact" ? exactP(s, tieSizes, pairs - tiedPairs) : approxP(s, n, tieSizes);
  return { s, tau, p, slope: median(slopes), method };
}

/** P(|S| ≥ |s|) over all distinct arrangements of the values. */
function exactP(s: number, tieSizes: readonly number[], untiedPairs: number): number {
  const counts = inversionCounts(tieSizes);
  let extreme = 0;
  let total = 0;
  counts.forEach((count, inversions) => {
    total += count;
    if (Math.abs(untiedPairs - 2 * inversions) >= Math.abs(s)) extreme += count;
  });
  return Math.min(1, extreme / total);
}

function approxP(s: number, n: number, tieSizes: readonly number[]): number {
  const variance =
    (n * (n - 1) * (2 * n + 5) - tieSizes.reduce((sum, t) => sum + t * (t - 1) * (2 * t + 5), 0)) / 18;
  if (variance <= 0) return 1; // every value tied: S is always 0
  return Math.min(1, 2 * normalSf(Math.abs(s) / Math.sqrt(variance)));
}

/** Sizes of the groups of equal values. */
function groupSizes(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const sizes: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      sizes.push(run);
      run = 1;
    }
  }
  return sizes;
}
