import type { Alternative } from "./wilcoxonSignedRank.js";

/**
 * The smallest p-value the exact signed-rank test can give with n non-zero differences, ties or not: all signs
 * alike has probability 2^(−n), so 2^(1−n) two-sided (capped at 1) and 2^(−n) one-sided. Below it no data can
 * reach significance: e.g. n ≥ 6 rounds for a two-sided test at α = 0.05.
 */
export function signedRankMinP(n: number, alternative: Alternative = "two-sided"): number {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`signedRankMinP: n must be a non-negative integer, got ${n}`);
  }
  return alternative === "two-sided" ? Math.min(1, 2 ** (1 - n)) : 2 ** -n;
}
