import type { MetricRow, Verdict } from "./Aggregate.js";

/** Significance level of every verdict. */
export const ALPHA = 0.05;

/** What a verdict is decided from: the row, and the smallest adjusted p its run counts allow. */
export interface VerdictInput {
  row: Omit<MetricRow, "verdict">;
  /** Holm-adjusted p this row would get if every comparison were as extreme as its sizes allow; null without a p-value. */
  bestAdjustedP: number | null;
  published: boolean;
}

/**
 * The rules, in order:
 * 1. `n/a` when the metric is not published in the mode (no value in any run, with a stated reason);
 * 2. `too few runs` when the row has no p-value (a side without valid values) or when even the most
 *    extreme data its valid run counts allow could not bring its Holm-adjusted p below ALPHA;
 * 3. `improved` / `regressed` when p_adjusted < ALPHA and the change of medians is outside the noise band
 *    (|delta_median| / |baseline median| > noise_band; any non-zero change when the baseline median is 0),
 *    improved when the candidate moved in the metric's better direction;
 * 4. `~` otherwise.
 */
export function decideVerdict({ row, bestAdjustedP, published }: VerdictInput): Verdict {
  if (!published) return "n/a";
  if (row.p_adjusted === null || bestAdjustedP === null || bestAdjustedP >= ALPHA) return "too few runs";
  if (row.p_adjusted >= ALPHA || !outsideNoiseBand(row)) return "~";
  const delta = row.delta_median ?? 0;
  const better = row.direction === "lower" ? delta < 0 : delta > 0;
  return better ? "improved" : "regressed";
}

function outsideNoiseBand(row: Omit<MetricRow, "verdict">): boolean {
  const base = row.baseline.median;
  const delta = row.delta_median;
  if (base === null || delta === null || delta === 0) return false;
  if (base === 0) return true;
  return Math.abs(delta) / Math.abs(base) > row.noise_band;
}
