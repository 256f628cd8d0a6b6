import { holm } from "../stats/index.js";
import type { Aggregate, CriticalRegression, MetricRow, ModeTable } from "./Aggregate.js";
import type { CampaignIdentity, CellSummary, ReportMetricSpec } from "./CampaignInput.js";
import { compareMetric } from "./compareMetric.js";
import type { Comparison } from "./compareMetric.js";
import { invalidRuns } from "./invalidRuns.js";
import { metricOrder } from "./metricOrder.js";
import { orderCells } from "./orderCells.js";
import { runsNeeded } from "./runsNeeded.js";
import { ALPHA, decideVerdict } from "./verdict.js";

/**
 * The statistics of a campaign: per mode (campaign order) and metric (COMPAT order, then the others as
 * specified), baseline against candidate over valid runs only, Holm-adjusted across the whole table,
 * with a verdict per row (see `decideVerdict`), the invalid runs and the critical regressions.
 * Pure and deterministic: the same cells in any order give the same result.
 */
export function aggregateCampaign(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  cells: readonly CellSummary[],
): Aggregate {
  const ordered = orderCells(identity, cells);
  const comparisons = identity.modes.map((mode) => compareMode(identity, specs, mode, ordered));
  const tested = comparisons.flat().filter((c) => c.pMin !== null);
  const adjusted = holm(tested.map((c) => c.row.p_value ?? 1));
  const best = holm(tested.map((c) => c.pMin ?? 1));
  tested.forEach((c, i) => (c.row.p_adjusted = adjusted[i] ?? null));
  const modes: ModeTable[] = identity.modes.map((mode, m) => ({
    mode,
    metrics: (comparisons[m] ?? []).map((c) => finishRow(c, best[tested.indexOf(c)] ?? null)),
  }));
  return {
    format: "staging-aggregate/1",
    campaign_id: identity.campaignId,
    baseline: identity.baseline,
    candidate: identity.candidate,
    runs: identity.runs,
    seed: identity.seed,
    benchmark_hash: identity.benchmarkHash,
    created_at: identity.createdAt,
    alpha: ALPHA,
    comparisons: tested.length,
    runs_needed: runsNeeded(tested.length, ALPHA),
    modes,
    invalid_runs: invalidRuns(ordered),
    regressions_in_critical: criticalRegressions(modes),
  };
}

function compareMode(
  identity: CampaignIdentity,
  specs: Readonly<Record<string, ReportMetricSpec>>,
  mode: string,
  ordered: readonly CellSummary[],
): Comparison[] {
  const inMode = ordered.filter((cell) => cell.platform_mode === mode);
  const baseline = inMode.filter((cell) => cell.version_slug === identity.baseline);
  const candidate = inMode.filter((cell) => cell.version_slug === identity.candidate);
  return metricOrder(specs).map((metric) => {
    const spec = specs[metric];
    if (spec === undefined) throw new Error(`no spec for metric ${metric}`);
    return compareMetric(metric, spec, baseline, candidate);
  });
}

function finishRow(comparison: Comparison, bestAdjustedP: number | null): MetricRow {
  const { row, published } = comparison;
  const verdict = decideVerdict({ row, bestAdjustedP, published });
  const { unavailable, ...rest } = row;
  return { ...rest, verdict, unavailable };
}

function criticalRegressions(modes: readonly ModeTable[]): CriticalRegression[] {
  return modes.flatMap(({ mode, metrics }) =>
    metrics
      .filter((row) => row.critical && row.verdict === "regressed")
      .map((row) => ({
        mode,
        metric: row.metric,
        delta_pct: row.delta_pct,
        p_adjusted: row.p_adjusted ?? 1,
      })),
  );
}
