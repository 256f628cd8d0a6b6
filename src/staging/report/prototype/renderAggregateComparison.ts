import type { AggregateComparison, ComparisonRow, ComparisonStats } from "./aggregateComparison.js";
import { pythonFloatRepr } from "./pythonFloat.js";
import { pythonJsonDumps, type FloatJson } from "./pythonJson.js";

/**
 * `aggregate-comparison.json` byte for byte as the prototype wrote it: `json.dumps(indent=2,
 * sort_keys=True)`, numbers as Python floats, no newline at the end.
 */
export function renderAggregateComparisonJson(aggregate: AggregateComparison): string {
  return pythonJsonDumps({
    baseline_slug: aggregate.baseline_slug,
    candidate_slug: aggregate.candidate_slug,
    rows: aggregate.rows.map(rowJson),
  });
}

/** `aggregate-comparison.md` as the prototype wrote it: one table of medians, newline-terminated. */
export function renderAggregateComparisonMarkdown(aggregate: AggregateComparison): string {
  const lines = [
    "# Aggregate Comparison",
    "",
    "| mode | metric | baseline median | candidate median | delta median |",
    "| --- | --- | ---: | ---: | ---: |",
    ...aggregate.rows.map(
      (row) =>
        `| ${row.platform_mode} | ${row.metric} | ${pythonFloatRepr(row.baseline.median)} | ` +
        `${pythonFloatRepr(row.candidate.median)} | ${pythonFloatRepr(row.delta.median)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

function rowJson(row: ComparisonRow): FloatJson {
  return {
    platform_mode: row.platform_mode,
    metric: row.metric,
    baseline: statsJson(row.baseline),
    candidate: statsJson(row.candidate),
    delta: statsJson(row.delta),
  };
}

function statsJson(stats: ComparisonStats): FloatJson {
  return { median: stats.median, mean: stats.mean, min: stats.min, max: stats.max };
}
