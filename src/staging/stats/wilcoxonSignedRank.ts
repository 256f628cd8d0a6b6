import { midranks } from "./midranks.js";
import { normalSf } from "./normal.js";
import { lowerTail, signedRankDistribution, upperTail } from "./signedRankDistribution.js";
import { assertSample } from "./sortedSample.js";

/** How zero differences are treated (scipy's `zero_method`). */
export type ZeroMethod = "wilcox" | "pratt" | "zsplit";

/** The alternative hypothesis about the location of the differences, as in scipy. */
export type Alternative = "two-sided" | "less" | "greater";

/** Options of `wilcoxonSignedRank`. */
export interface SignedRankOptions {
  /** "wilcox" drops zeros before ranking; "pratt" ranks them, then drops them; "zsplit" ranks them and gives half their rank sum to each side. @default "wilcox" */
  zeroMethod?: ZeroMethod;
  /** @default "two-sided" */
  alternative?: Alternative;
  /** "auto" is exact up to SIGNED_RANK_EXACT_MAX_N non-zero differences (ties or not), the normal approximation beyond. @default "auto" */
  method?: "auto" | "exact" | "approx";
}

/** Result of a Wilcoxon signed-rank test. */
export interface SignedRankResult {
  /** min(R+, R−) for "two-sided", R+ otherwise (scipy's statistic); R± are midrank sums, "zsplit" zeros adding half to each. */
  statistic: number;
  /** p-value in [0, 1]. */
  p: number;
  /** The non-zero differences, whose signs the test weighs: p ≥ signedRankMinP(n). */
  n: number;
  method: "exact" | "approx";
}

/** Largest number of non-zero differences for which method "auto" computes the exact p-value. */
export const SIGNED_RANK_EXACT_MAX_N = 50;

/**
 * Wilcoxon signed-rank test of the paired differences d (H0: symmetric about 0), scipy.stats.wilcoxon's conventions.
 * "exact": the permutation distribution over the 2^n sign flips of the actual (mid)ranks of the n non-zero
 * differences, so exact with ties too (scipy's own "exact" ignores ties); O(n · Σranks), meant for n up to a few hundred.
 * "approx": normal approximation with tie (and Pratt zero) corrected variance and continuity correction ½, equal to
 * scipy's method="asymptotic" with correction=True. "auto" is exact up to n = 50, the approximation beyond.
 * Differences that are all zero give p = 1. Throws a RangeError on an empty sample or a non-finite value.
 */
export function wilcoxonSignedRank(d: readonly number[], options: SignedRankOptions = {}): SignedRankResult {
  assertSample(d, "wilcoxonSignedRank");
  const zeroMethod = options.zeroMethod ?? "wilcox";
  const alternative = options.alternative ?? "two-sided";
  const ranked = rankDifferences(d, zeroMethod);
  const n = ranked.weights.length;
  const wanted = options.method ?? "auto";
  const method =
    wanted === "approx" || (wanted === "auto" && n > SIGNED_RANK_EXACT_MAX_N) ? "approx" : "exact";
  const plus = (ranked.doubledPlus + ranked.doubledZeroHalf) / 2;
  const minus = (ranked.doubledTotal - ranked.doubledPlus + ranked.doubledZeroHalf) / 2;
  const statistic = alternative === "two-sided" ? Math.min(plus, minus) : plus;
  let p = 1;
  if (n > 0)
    p = method === "exact" ? exactP(ranked, alternative) : approxP(ranked, plus, zeroMethod, alternative);
  return { statistic, p, n, method };
}

/** The doubled midranks of the non-zero differences and what the approximation needs. */
interface RankedDifferences {
  /** Doubled midrank of each non-zero difference (ranked among the non-zero ones for "wilcox", among all otherwise). */
  weights: number[];
  doubledPlus: number;
  doubledTotal: number;
  /** Half the doubled rank sum of the zeros under "zsplit" (added to both sides), 0 otherwise. */
  doubledZeroHalf: number;
  zeros: number;
  /** Sizes of the groups of tied |d|, the group of zeros first when there is one and it was ranked. */
  tieSizes: number[];
  count: number;
}

function rankDifferences(d: readonly number[], zeroMethod: ZeroMethod): RankedDifferences {
  const zeros = d.filter((x) => x === 0).length;
  const used = zeroMethod === "wilcox" ? d.filter((x) => x !== 0) : [...d];
  const { doubledRanks, tieSizes } = midranks(used.map((x) => Math.abs(x)));
  const weights: number[] = [];
  let doubledPlus = 0;
  let doubledZeros = 0;
  used.forEach((x, i) => {
    const w = doubledRanks[i] ?? 0;
    if (x === 0) doubledZeros += w;
    else weights.push(w);
    if (x > 0) doubledPlus += w;
  });
  const doubledTotal = weights.reduce((sum, w) => sum + w, 0);
  const doubledZeroHalf = zeroMethod === "zsplit" ? doubledZeros / 2 : 0;
  return { weights, doubledPlus, doubledTotal, doubledZeroHalf, zeros, tieSizes, count: used.length };
}

/** Exact p from the sign-flip distribution of the doubled rank sum of the positive non-zero differences. */
function exactP(ranked: RankedDifferences, alternative: Alternative): number {
  const probs = signedRankDistribution(ranked.weights);
  const s = ranked.doubledPlus;
  if (alternative === "greater") return Math.min(1, upperTail(probs, s));
  if (alternative === "less") return Math.min(1, lowerTail(probs, s));
  return Math.min(1, 2 * Math.min(lowerTail(probs, s), upperTail(probs, s)));
}

/** scipy's normal approximation (Cureton's adjustment for Pratt's zeros) with continuity correction ½. */
function approxP(
  ranked: RankedDifferences,
  plus: number,
  zeroMethod: ZeroMethod,
  alternative: Alternative,
): number {
  const c = ranked.count;
  let mean = (c * (c + 1)) / 4;
  let variance = c * (c + 1) * (2 * c + 1);
  let tieSizes = ranked.tieSizes;
  if (zeroMethod === "pratt" && ranked.zeros > 0) {
    const z0 = ranked.zeros;
    mean -= (z0 * (z0 + 1)) / 4;
    variance -= z0 * (z0 + 1) * (2 * z0 + 1);
    tieSizes = tieSizes.slice(1); // the zeros are not a tie group of the statistic
  }
  variance -= tieSizes.reduce((sum, t) => sum + t * t * t - t, 0) / 2;
  const se = Math.sqrt(variance / 24);
  const z = (plus - mean) / se;
  const direction = alternative === "greater" ? 1 : alternative === "less" ? -1 : Math.sign(z);
  const corrected = z - (direction * 0.5) / se;
  if (alternative === "greater") return normalSf(corrected);
  if (alternative === "less") return normalSf(-corrected);
  return Math.min(1, 2 * normalSf(Math.abs(corrected)));
}
