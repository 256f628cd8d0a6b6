import { roundsNeeded } from "../stats/index.js";
import type { Verdict } from "./Aggregate.js";
import type { PairedComparison } from "./comparePaired.js";

/** The campaign's overall significance level, spent over its looks. */
export const ALPHA = 0.05;

/** What a verdict is decided from. */
export interface VerdictInput {
  row: PairedComparison & { p_adjusted: number | null };
  published: boolean;
  /** The look's level (its share of ALPHA under the group-sequential design). */
  alpha: number;
  /** The level of the campaign's last look: the one more rounds would be judged at. */
  alphaFinal: number;
  /** The size of the row's family, for rounds-needed. */
  familySize: number;
}

/** The most rounds a campaign may plan; no note advises more. */
export const MAX_ROUNDS = 1000;

/**
 * The rules, in order:
 * 1. `n/a` when the metric is not published in the mode;
 * 2. `equivalent` when the equivalence interval (1 − 2α: two one-sided tests at α) lies inside the
 *    noise band, identical rounds included; it needs fewer rounds than the 1 − α interval;
 * 3. `too few rounds` without an interval at the look's level (no pairs, or too few);
 * 4. `improved` / `regressed` when the Holm-adjusted p is below the look's level and the interval
 *    excludes no change: by the side of no change the interval lies on, and the metric's direction;
 * 5. `inconclusive` otherwise (a p below the level whose interval still touches no change, which
 *    ties in the signed-rank statistic can give, included).
 */
export function decideVerdict({ row, published, alpha }: VerdictInput): Verdict {
  if (!published) return "n/a";
  const change = row.change;
  const equivalence = change?.equivalence_ci;
  if (change && equivalence && equivalence.lo >= change.band.lo && equivalence.hi <= change.band.hi)
    return "equivalent";
  if (!change?.ci) return "too few rounds";
  if (row.p_adjusted !== null && row.p_adjusted < alpha) {
    const none = change.scale === "ratio" ? 1 : 0;
    const up = change.ci.lo > none ? true : change.ci.hi < none ? false : null;
    if (up !== null) return up === (row.direction === "higher") ? "improved" : "regressed";
  }
  return "inconclusive";
}

/**
 * About how many more rounds would decide an undecided row, from the spread of its per-round
 * changes: the fewer of the rounds to show its estimate is no noise and those to fit its
 * equivalence interval inside the band, at the last look's level (normal approximation,
 * signed-rank efficiency; see `roundsNeeded`). Null when the model says the rounds already there
 * should have sufficed (the row is unlucky, not short), or when it would take more rounds than a
 * campaign may plan (1,000).
 */
export function moreRounds(input: VerdictInput, verdict: Verdict): number | null {
  const { row } = input;
  if (verdict !== "inconclusive" && verdict !== "too few rounds") return null;
  if (!row.change || row.spread === null || row.spread === 0) return null;
  const toLog = (x: number) => (row.change!.scale === "ratio" ? Math.log(x) : x);
  const estimate = toLog(row.change.estimate);
  // A zero band (any change matters) leaves only the way of showing a difference.
  const band = Math.max(toLog(row.change.band.hi), 1e-12);
  const alpha = input.alphaFinal;
  const detect = roundsNeeded({
    spread: row.spread,
    estimate,
    band,
    alpha: alpha / Math.max(1, input.familySize),
  }).toDetect;
  const equivalence = roundsNeeded({
    spread: row.spread,
    estimate,
    band,
    alpha: Math.min(2 * alpha, 0.5),
  }).toShowEquivalence;
  const options = [detect, equivalence].filter(
    (n): n is number => n !== null && n > row.pairs && n <= MAX_ROUNDS,
  );
  return options.length === 0 ? null : Math.min(...options) - row.pairs;
}
