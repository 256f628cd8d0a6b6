import { lookAlpha } from "../report/aggregateCampaign.js";
import { signedRankMinP } from "../stats/index.js";

/**
 * The fewest paired rounds with which a campaign's first look could show a change: the exact
 * signed-rank test's smallest p (2^(1-n), every round agreeing) must fall below the look's level
 * shared by the critical family (Holm's first step). Fewer rounds cannot give `improved` or
 * `regressed` whatever they measure (rows whose rounds are all equal can still be `equivalent`).
 */
export function decisionFloor(looks: readonly number[], criticalComparisons: number): number {
  const alpha = lookAlpha({ rounds: looks[0] ?? 1, looks }) / Math.max(1, criticalComparisons);
  let n = 1;
  while (signedRankMinP(n) >= alpha && n < 64) n++;
  return n;
}
