import { COMPAT_METRIC_ORDER } from "../metricOrder.js";
import { pythonRound } from "./pythonFloat.js";
import { pythonMean, pythonMedian } from "./pythonStats.js";

/** Median, mean, min and max of one side, each rounded to at most 4 decimals. */
export interface ComparisonStats {
  median: number;
  mean: number;
  min: number;
  max: number;
}

/** One mode and metric of `aggregate-comparison.json`. */
export interface ComparisonRow {
  platform_mode: string;
  metric: string;
  baseline: ComparisonStats;
  candidate: ComparisonStats;
  /** Candidate minus baseline, statistic by statistic, of the rounded figures, rounded again. */
  delta: ComparisonStats;
}

/** `campaigns/<id>/aggregate-comparison.json`, in the prototype's schema. */
export interface AggregateComparison {
  baseline_slug: string;
  candidate_slug: string;
  rows: ComparisonRow[];
}

/** Who a campaign compared, in which modes. */
export interface ComparisonCampaign {
  baseline: string;
  candidate: string;
  modes: readonly string[];
}

/** What the aggregate reads of one run's `cell-summary.json`. */
export interface ComparisonCell {
  version_slug: string;
  platform_mode: string;
  /** A metric a run does not have is absent (null is read as absent too). */
  metrics: Readonly<Record<string, number | null | undefined>>;
  valid: boolean;
}

/**
 * The prototype's aggregate of a campaign (its `aggregate_campaign_reports`), from the valid runs:
 * modes in code point order (the prototype sorted them), in each the metrics p95, p99, fail_rate,
 * throughput, heap_peak and gc_pause that both versions have values of; per side the median, mean,
 * min and max as Python's `statistics` computes them, rounded to 4 decimals; the delta of each.
 * Invalid runs are left out, as from every statistic of staging.
 */
export function aggregateComparison(
  campaign: ComparisonCampaign,
  cells: readonly ComparisonCell[],
): AggregateComparison {
  const valid = cells.filter((cell) => cell.valid);
  const rows: ComparisonRow[] = [];
  for (const mode of [...new Set(campaign.modes)].sort()) {
    for (const metric of COMPAT_METRIC_ORDER) {
      const baseline = sideStats(valuesOf(valid, campaign.baseline, mode, metric));
      const candidate = sideStats(valuesOf(valid, campaign.candidate, mode, metric));
      if (!baseline || !candidate) continue;
      rows.push({ platform_mode: mode, metric, baseline, candidate, delta: deltaOf(baseline, candidate) });
    }
  }
  return { baseline_slug: campaign.baseline, candidate_slug: campaign.candidate, rows };
}

function valuesOf(cells: readonly ComparisonCell[], version: string, mode: string, metric: string): number[] {
  const values: number[] = [];
  for (const cell of cells) {
    if (cell.version_slug !== version || cell.platform_mode !== mode) continue;
    const value = cell.metrics[metric];
    if (typeof value === "number") values.push(value);
  }
  return values;
}

function sideStats(values: number[]): ComparisonStats | undefined {
  const median = pythonMedian(values);
  const mean = pythonMean(values);
  if (median === undefined || mean === undefined) return undefined;
  return {
    median: pythonRound(median, 4),
    mean: pythonRound(mean, 4),
    // As Python's min() and max(): the first of equal values wins (0.0 before -0.0).
    min: pythonRound(
      values.reduce((m, v) => (v < m ? v : m)),
      4,
    ),
    max: pythonRound(
      values.reduce((m, v) => (v > m ? v : m)),
      4,
    ),
  };
}

function deltaOf(baseline: ComparisonStats, candidate: ComparisonStats): ComparisonStats {
  const d = (key: keyof ComparisonStats) => pythonRound(candidate[key] - baseline[key], 4);
  return { median: d("median"), mean: d("mean"), min: d("min"), max: d("max") };
}
