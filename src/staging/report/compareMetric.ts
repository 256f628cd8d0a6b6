import { hodgesLehmann, mannWhitneyU } from "../stats/index.js";
import type { MetricRow } from "./Aggregate.js";
import type { CellSummary, ReportMetricSpec } from "./CampaignInput.js";
import { minAchievableP } from "./minAchievableP.js";
import { sideStats } from "./sideStats.js";
import { isUnpublished, unavailableReasons } from "./unavailableReasons.js";

/** One metric of one mode before the table-wide Holm adjustment and the verdict. */
export interface Comparison {
  row: Omit<MetricRow, "verdict">;
  /** Smallest raw p the valid run counts allow; null when the row has no p-value. */
  pMin: number | null;
  published: boolean;
}

/** Compares one metric of one mode over the valid runs (canonical order) of baseline and candidate. */
export function compareMetric(
  metric: string,
  spec: ReportMetricSpec,
  baselineCells: readonly CellSummary[],
  candidateCells: readonly CellSummary[],
): Comparison {
  const a = validValues(baselineCells, metric);
  const b = validValues(candidateCells, metric);
  const baseline = sideStats(a, countInvalid(baselineCells));
  const candidate = sideStats(b, countInvalid(candidateCells));
  const delta =
    baseline.median === null || candidate.median === null ? null : candidate.median - baseline.median;
  const tested = a.length > 0 && b.length > 0;
  const reasons = unavailableReasons([...baselineCells, ...candidateCells], metric);
  const row: Omit<MetricRow, "verdict"> = {
    metric,
    direction: spec.direction,
    noise_band: spec.noise_band,
    critical: spec.critical ?? false,
    baseline,
    candidate,
    delta_median: delta,
    delta_pct: deltaPct(delta, baseline.median),
    hl_shift: tested ? hodgesLehmann(a, b) : null,
    p_value: tested ? mannWhitneyU(a, b).p : null,
    p_adjusted: null,
    unavailable: reasons.length > 0 ? reasons.join("; ") : null,
  };
  const published = !isUnpublished([...baselineCells, ...candidateCells], metric);
  return { row, pMin: tested ? minAchievableP(a.length, b.length) : null, published };
}

function validValues(cells: readonly CellSummary[], metric: string): number[] {
  const values: number[] = [];
  for (const cell of cells) {
    const value = cell.metrics[metric] ?? null;
    if (cell.valid && value !== null) values.push(value);
  }
  return values;
}

function countInvalid(cells: readonly CellSummary[]): number {
  return cells.filter((cell) => !cell.valid).length;
}

function deltaPct(delta: number | null, base: number | null): number | null {
  if (delta === null || base === null || base === 0) return null;
  return (100 * delta) / Math.abs(base);
}
