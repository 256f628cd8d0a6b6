import type { Aggregate, Change, MetricRow } from "./Aggregate.js";
import { fixed, formatP } from "./formatNumber.js";
import { formatMetricValue, metricUnit, type MetricUnit } from "./metricUnits.js";

/** The columns of a mode's verdict table, in report.md and report.html alike. */
export const VERDICT_HEADERS: readonly string[] = [
  "metric",
  "baseline",
  "candidate",
  "change [CI]",
  "+/-",
  "p",
  "verdict",
];

/** The columns of a mode's table in report.md: the medians in one column, so that it fits 100 columns. */
export const COMPACT_HEADERS: readonly string[] = [
  "metric",
  "baseline → candidate",
  "change [CI]",
  "+/-",
  "p",
  "verdict",
];

/** The columns of a mode's compact table per request name (report.md). */
export const ENDPOINT_HEADERS: readonly string[] = [
  "endpoint",
  "metric",
  "change [CI]",
  "+/-",
  "p",
  "verdict",
];

/** The text of each cell of a metric's row: one definition for the markdown and the HTML table. */
export function verdictCells(row: MetricRow): string[] {
  const unit = metricUnit(row.metric);
  const name = row.critical ? `${row.metric} *` : row.metric;
  if (row.verdict === "n/a") return [name, "n/a", "n/a", "—", "—", "—", "n/a"];
  return [
    name,
    value(unit, row.baseline.median),
    value(unit, row.candidate.median),
    changeCell(unit, row.change, row.verdict),
    `${row.better_in}/${row.worse_in}`,
    row.family === null ? "—" : formatP(row.p_adjusted),
    row.verdict,
  ];
}

/** The cells of a metric's row in report.md: the verdict table's, both medians in one cell (`9.34 → 7.02 ms`). */
export function compactCells(row: MetricRow): string[] {
  const [name = "", , , ...rest] = verdictCells(row);
  if (row.verdict === "n/a") return [name, "n/a", ...rest];
  const unit = metricUnit(row.metric);
  const bare = (x: number | null) => (x === null ? "no data" : formatMetricValue(unit, x, false));
  const candidate = row.candidate.median === null ? "no data" : formatMetricValue(unit, row.candidate.median);
  return [name, `${bare(row.baseline.median)} → ${candidate}`, ...rest];
}

/** The cells of an endpoint's row in the compact table: the verdict table's, without the medians. */
export function endpointRowCells(endpoint: string, row: MetricRow): string[] {
  const [metric = "", , , change = "—", counts = "—", p = "—", verdict = ""] = verdictCells(row);
  return [endpoint, metric, change, counts, p, verdict];
}

/** For an undecided row: how many more rounds would probably decide it, in words; else null. */
export function moreRoundsNote(row: MetricRow): string | null {
  if (row.more_rounds === null) return null;
  const rounds = row.more_rounds === 1 ? "1 more round" : `${row.more_rounds} more rounds`;
  return `${row.metric}: ${row.verdict}; about ${rounds} would probably decide it`;
}

/**
 * The levels of a report's intervals in percent, one decimal (`95.0`, `90.0`): the look's own
 * (1 − α) and the equivalence interval's (1 − 2α).
 */
export function intervalLevels(a: Pick<Aggregate, "alpha_look">): { shown: string; equivalence: string } {
  return { shown: fixed(100 * (1 - a.alpha_look), 1), equivalence: fixed(100 * (1 - 2 * a.alpha_look), 1) };
}

/**
 * The interval a row's verdict rests on: the equivalence interval (1 − 2α) for `equivalent`, the
 * look's own (1 − α) otherwise; null where there is none yet.
 */
export function shownInterval(
  change: Change,
  verdict: MetricRow["verdict"],
): { lo: number; hi: number } | null {
  return verdict === "equivalent" ? (change.equivalence_ci ?? change.ci) : change.ci;
}

/** `-15.1% [-18.0, -12.2]` for a ratio; a signed difference in the metric's unit otherwise. */
export function changeCell(unit: MetricUnit, change: Change | null, verdict: MetricRow["verdict"]): string {
  if (!change) return "—";
  const fmt =
    change.scale === "ratio"
      ? (x: number) => signed(fixed(100 * (x - 1), 1))
      : (x: number) => signed(formatMetricValue(unit, Math.abs(x), false), x);
  // A difference of a ratio metric (fail_rate) is in percentage points, not a relative change.
  const unitText = unit === "ratio" ? " pp" : suffix(unit);
  const estimate =
    change.scale === "ratio" ? `${fmt(change.estimate)}%` : `${fmt(change.estimate)}${unitText}`;
  const ci = shownInterval(change, verdict);
  return ci ? `${estimate} [${fmt(ci.lo)}, ${fmt(ci.hi)}]` : estimate;
}

function value(unit: MetricUnit, x: number | null): string {
  return x === null ? "no data" : formatMetricValue(unit, x);
}

function signed(text: string, sign?: number): string {
  if (sign !== undefined) return sign < 0 ? `-${text}` : sign > 0 ? `+${text}` : text;
  return text.startsWith("-") || /^0(\.0*)?$/.test(text) ? text : `+${text}`;
}

function suffix(unit: MetricUnit): string {
  return formatMetricValue(unit, 1).replace(/^[\d.]+/, "");
}
