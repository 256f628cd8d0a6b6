import type { Aggregate, MetricRow, SideStats } from "../Aggregate.js";
import type { CellSummary } from "../CampaignInput.js";
import { formatMetricValue, metricUnit } from "../metricUnits.js";
import { plotUnit } from "./plotUnit.js";

/** Legend label of a run left out of the statistics. */
export const INVALID_STATUS = "invalid (excluded)";

/** Which side of the comparison a version is. */
export type Role = "baseline" | "candidate";

/** One run of one version as a point of a plot, its value in the plot unit. */
export interface RunPoint {
  version: string;
  role: Role;
  /** Colour and shape: the version for a valid run, INVALID_STATUS (or off the axis) for an invalid one. */
  group: string;
  round: number;
  run_index: number;
  value: number;
  /** Where it is drawn: `value`, or the edge of the axis for an invalid run far off it. */
  shown: number;
  valid: boolean;
  /** Tooltip: version, round, run, the value as report.md prints it and, if invalid, the reasons. */
  label: string;
}

/** The median and 95% CI of one version, in the plot unit (CI bounds null when there is no CI). */
export interface SideMark {
  version: string;
  role: Role;
  /** Colour: the version. */
  group: string;
  median: number;
  lo: number | null;
  hi: number | null;
  /** Tooltip of the median, e.g. `baseline median 9.31 ms`. */
  label: string;
  /** Tooltip of the CI, e.g. `baseline 95% CI 9.10–9.52 ms`; empty without a CI. */
  ciLabel: string;
}

/**
 * The runs of both versions in one mode that have a value of the metric, valid or not, in a fixed
 * order (baseline first, then round and run index) whatever order the cells came in.
 */
export function runPoints(
  aggregate: Aggregate,
  cells: readonly CellSummary[],
  mode: string,
  metric: string,
): RunPoint[] {
  const versions = [aggregate.baseline, aggregate.candidate];
  return cells
    .filter((cell) => cell.platform_mode === mode && versions.includes(cell.version_slug))
    .filter((cell) => typeof cell.metrics[metric] === "number")
    .sort(
      (a, b) =>
        versions.indexOf(a.version_slug) - versions.indexOf(b.version_slug) ||
        a.round - b.round ||
        a.run_index - b.run_index,
    )
    .map((cell) =>
      toPoint(cell, metric, cell.version_slug === aggregate.baseline ? "baseline" : "candidate"),
    );
}

function toPoint(cell: CellSummary, metric: string, role: Role): RunPoint {
  const raw = cell.metrics[metric] ?? 0;
  const reasons = cell.invalid_reasons.length > 0 ? cell.invalid_reasons : ["no reason given"];
  const where = `${role} ${cell.version_slug}, round ${cell.round} (run ${cell.run_index})`;
  const value = formatMetricValue(metricUnit(metric), raw);
  return {
    version: cell.version_slug,
    role,
    group: cell.valid ? cell.version_slug : INVALID_STATUS,
    round: cell.round,
    run_index: cell.run_index,
    value: raw * plotUnit(metric).factor,
    shown: raw * plotUnit(metric).factor,
    valid: cell.valid,
    label: cell.valid ? `${where}: ${value}` : `${where}: ${value}, ${INVALID_STATUS}: ${reasons.join("; ")}`,
  };
}

/** Median and CI of each version that has a median, baseline first. */
export function sideMarks(aggregate: Aggregate, row: MetricRow): SideMark[] {
  const sides: Array<[string, Role, SideStats]> = [
    [aggregate.baseline, "baseline", row.baseline],
    [aggregate.candidate, "candidate", row.candidate],
  ];
  return sides.flatMap(([version, role, side]) =>
    side.median === null ? [] : [sideMark(row.metric, version, role, side.median, side.ci95)],
  );
}

function sideMark(
  metric: string,
  version: string,
  role: Role,
  median: number,
  ci: SideStats["ci95"],
): SideMark {
  const { factor } = plotUnit(metric);
  const unit = metricUnit(metric);
  const ciText =
    ci === null ? "" : `${formatMetricValue(unit, ci.lo, false)}–${formatMetricValue(unit, ci.hi)}`;
  return {
    version,
    role,
    group: version,
    median: median * factor,
    lo: ci === null ? null : ci.lo * factor,
    hi: ci === null ? null : ci.hi * factor,
    label: `${role} median ${formatMetricValue(unit, median)}`,
    ciLabel: ci === null ? "" : `${role} 95% CI ${ciText}`,
  };
}
