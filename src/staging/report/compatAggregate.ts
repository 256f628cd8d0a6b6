import type { Aggregate, SideStats } from "./Aggregate.js";

/** Median, mean, min and max of one version, as the old aggregate wrote them (null without valid values). */
export interface CompatStats {
  median: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** One metric of one mode in `aggregate-comparison.json`. */
export interface CompatMetric {
  baseline: CompatStats;
  candidate: CompatStats;
  /** Candidate median − baseline median. */
  delta_median: number | null;
}

/**
 * `campaigns/<id>/aggregate-comparison.json` in the old layout (COMPAT.md "Campaign folder"): per mode and
 * metric the baseline and candidate median, mean, min, max and the delta of medians, metrics in the
 * order p95, p99, fail_rate, throughput, heap_peak, gc_pause, then any others.
 */
export interface CompatAggregate {
  campaign_id: string;
  baseline: string;
  candidate: string;
  benchmark_hash: string;
  runs: number;
  metrics: string[];
  modes: Record<string, Record<string, CompatMetric>>;
}

/**
 * The old layout's aggregate, derived from the full one (valid runs only, as everywhere).
 * @deprecated not the prototype's schema: write `aggregateComparison(campaign, cells)` with
 * `renderAggregateComparisonJson`/`renderAggregateComparisonMarkdown` instead (prototype/).
 */
export function compatAggregate(aggregate: Aggregate): CompatAggregate {
  const modes: Record<string, Record<string, CompatMetric>> = {};
  for (const table of aggregate.modes) {
    const metrics: Record<string, CompatMetric> = {};
    for (const row of table.metrics) {
      metrics[row.metric] = {
        baseline: compatStats(row.baseline),
        candidate: compatStats(row.candidate),
        delta_median: row.delta_median,
      };
    }
    modes[table.mode] = metrics;
  }
  return {
    campaign_id: aggregate.campaign_id,
    baseline: aggregate.baseline,
    candidate: aggregate.candidate,
    benchmark_hash: aggregate.benchmark_hash,
    runs: aggregate.runs,
    metrics: aggregate.modes[0]?.metrics.map((row) => row.metric) ?? [],
    modes,
  };
}

function compatStats(side: SideStats): CompatStats {
  return { median: side.median, mean: side.mean, min: side.min, max: side.max };
}
