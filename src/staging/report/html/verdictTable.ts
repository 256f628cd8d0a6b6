import type { MetricRow, ModeTable, SideStats } from "../Aggregate.js";
import { formatP, signedPercent } from "../formatNumber.js";
import { formatMetricValue, metricUnit } from "../metricUnits.js";
import type { MetricUnit } from "../metricUnits.js";
import { escapeHtml } from "./escapeHtml.js";

/** The columns of report.md's table of a mode, in its order. */
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

/** The table of one mode: the same cells as report.md, the verdict as a coloured badge. */
export function verdictTableHtml(table: ModeTable): string {
  const head = VERDICT_HEADERS.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const rows = table.metrics.map((row) => {
    const cells = verdictCells(row).map((cell, c) => (c === 7 ? verdictBadge(row, cell) : td(cell, c)));
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<table class="verdicts">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/** The text of each cell of a metric's row, as report.md writes it. */
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

/** CSS class of a verdict: `v-improved`, `v-regressed`, `v-same` (~), `v-few`, `v-na`. */
export function verdictClass(verdict: MetricRow["verdict"]): string {
  const names: Record<MetricRow["verdict"], string> = {
    improved: "improved",
    regressed: "regressed",
    "~": "same",
    "too few runs": "few",
    "n/a": "na",
  };
  return `v v-${names[verdict]}`;
}

function td(text: string, column: number): string {
  return column <= 1 ? `<td>${escapeHtml(text)}</td>` : `<td class="num">${escapeHtml(text)}</td>`;
}

function verdictBadge(row: MetricRow, text: string): string {
  return `<td><span class="${verdictClass(row.verdict)}">${escapeHtml(text)}</span></td>`;
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
