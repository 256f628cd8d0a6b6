import type { MetricRow, SideStats } from "./Aggregate.js";
import { formatP, signedPercent } from "./formatNumber.js";
import { formatMetricValue, metricUnit } from "./metricUnits.js";
import type { MetricUnit } from "./metricUnits.js";

/** The columns of a mode's verdict table, in report.md and report.html alike. */
export const VERDICT_HEADERS: readonly string[] = [
  "metric",
  "better",
  "n",
  "baseline [95% CI]",
  "candidate [95% CI]",
  "delta",
  "p (Holm)",
  "verdict",
];

/** The text of each cell of a metric's row: one definition for the markdown and the HTML table. */
export function verdictCells(row: MetricRow): string[] {
  const unit = metricUnit(row.metric);
  const name = row.critical ? `${row.metric} *` : row.metric;
  if (row.verdict === "n/a") {
    return [name, row.direction, "—", "n/a", "n/a", "—", "—", `n/a (${row.unavailable ?? "not published"})`];
  }
  return [
    name,
    row.direction,
    `${row.baseline.n_valid}/${row.candidate.n_valid}`,
    sideCell(unit, row.baseline),
    sideCell(unit, row.candidate),
    deltaCell(unit, row),
    formatP(row.p_adjusted),
    row.verdict,
  ];
}

function sideCell(unit: MetricUnit, side: SideStats): string {
  if (side.median === null) return "no data";
  const median = formatMetricValue(unit, side.median);
  if (side.ci95 === null) return `${median} [too few runs]`;
  return `${median} [${formatMetricValue(unit, side.ci95.lo, false)}, ${formatMetricValue(unit, side.ci95.hi, false)}]`;
}

function deltaCell(unit: MetricUnit, row: MetricRow): string {
  if (row.delta_pct !== null || row.delta_median === null) return signedPercent(row.delta_pct);
  // The baseline median is 0: a relative change has no value, show the absolute one.
  if (row.delta_median === 0) return "0.0%";
  const sign = row.delta_median > 0 ? "+" : "-";
  return `${sign}${formatMetricValue(unit, Math.abs(row.delta_median))} (from 0)`;
}
