import { roundsNeeded } from "../stats/index.js";
import type { Verdict } from "./Aggregate.js";
import type { PairedComparison } from "./comparePaired.js";

/** The campaign's overall significance level, spent over its looks. */
export const ALPHA = 0.05;

/** What a verdict is decided from. */
export interface VerdictInput {
  row: PairedComparison & { p_adjusted: number | null };
  published: boolean;
  /** The look's level (its share of ALPHA), and the size of the row's family for rounds-needed. */
  alpha: number;
  familySize: number;
}

/**
 * The rules, in order:
 * 1. `n/a` when the metric is not published in the mode;
 * 2. `too few rounds` without an interval at the look's level (no pairs, or too few);
 * 3. `equivalent` when the interval lies inside the noise band (identical rounds included);
 * 4. `improved` / `regressed` when the Holm-adjusted p is below the look's level: by the direction
 *    of the estimate and of the metric;
 * 5. `inconclusive` otherwise.
 */
export function decideVerdict({ row, published, alpha }: VerdictInput): Verdict {
  if (!published) return "n/a";
  const change = row.change;
  if (!change?.ci) return "too few rounds";
  if (change.ci.lo >= change.band.lo && change.ci.hi <= change.band.hi) return "equivalent";
  if (row.p_adjusted !== null && row.p_adjusted < alpha) {
    const up = change.scale === "ratio" ? change.estimate > 1 : change.estimate > 0;
    return up === (row.direction === "higher") ? "improved" : "regressed";
  }
  return "inconclusive";
}

/**
 * About how many more rounds would decide an undecided row, from the spread of its per-round
 * changes: the fewer of the rounds to show its estimate is no noise and those to fit its interval
 * inside the band (normal approximation, signed-rank efficiency; see `roundsNeeded`).
 */
export function moreRounds(input: VerdictInput, verdict: Verdict): number | null {
  const { row } = input;
  if (verdict !== "inconclusive" && verdict !== "too few rounds") return null;
  if (!row.change || row.spread === null || row.spread === 0) return null;
  const toLog = (x: number) => (row.change!.scale === "ratio" ? Math.log(x) : x);
  const estimate = toLog(row.change.estimate);
  // A zero band (any change matters) leaves only the way of showing a difference.
  const band = Math.max(toLog(row.change.band.hi), 1e-12);
  const need = roundsNeeded({
    spread: row.spread,
    estimate,
    band,
    alpha: input.alpha / Math.max(1, input.familySize),
  });
  const equivalence = roundsNeeded({
    spread: row.spread,
    estimate,
    band,
    alpha: input.alpha,
  }).toShowEquivalence;
  const options = [need.toDetect, equivalence].filter((n): n is number => n !== null);
  return options.length === 0 ? null : Math.max(1, Math.min(...options) - row.pairs);
}
