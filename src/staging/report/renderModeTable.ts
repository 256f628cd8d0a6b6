import type { MetricRow, ModeTable, SideStats } from "./Aggregate.js";
import { formatP, signedPercent } from "./formatNumber.js";
import { markdownTable } from "./markdownTable.js";
import type { Align } from "./markdownTable.js";
import { formatMetricValue, metricUnit } from "./metricUnits.js";
import type { MetricUnit } from "./metricUnits.js";

const HEADERS = [
  "metric",
  "better",
  "n",
  "baseline [95% CI]",
  "candidate [95% CI]",
  "delta",
  "p (Holm)",
  "verdict",
];
const ALIGN: Align[] = ["left", "left", "right", "right", "right", "right", "right", "left"];

/** The benchstat-like table of one mode: one row per metric, in the aggregate's order. */
export function renderModeTable(table: ModeTable): string {
  return markdownTable(HEADERS, table.metrics.map(renderRow), ALIGN);
}

function renderRow(row: MetricRow): string[] {
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
