import { minAchievableP } from "./minAchievableP.js";

/**
 * The smallest number n of valid runs per version and mode with which a comparison can reach
 * adjusted p < alpha in a table of `comparisons` Holm-adjusted comparisons: m · minAchievableP(n, n) < alpha.
 * At alpha 0.05: 4 for one comparison, 5 for 2 to 6, 6 for 7 to 23, 7 for 24 to 85.
 */
export function runsNeeded(comparisons: number, alpha: number): number {
  const m = Math.max(1, comparisons);
  let n = 1;
  while (m * minAchievableP(n, n) >= alpha && n < 1000) n++;
  return n;
}
