import type { CompatAggregate, CompatMetric, CompatStats } from "./compatAggregate.js";
import { markdownTable } from "./markdownTable.js";
import type { Align } from "./markdownTable.js";
import { formatMetricValue, metricUnit } from "./metricUnits.js";
import type { MetricUnit } from "./metricUnits.js";

const HEADERS = [
  "metric",
  "baseline median",
  "candidate median",
  "delta median",
  "baseline mean (min–max)",
  "candidate mean (min–max)",
];
const ALIGN: Align[] = ["left", "right", "right", "right", "right", "right"];

/**
 * Per mode, medians, delta of medians, means and ranges. Ends with a newline.
 * @deprecated not the prototype's format: use `renderAggregateComparisonMarkdown` (prototype/).
 */
export function renderAggregateMarkdown(compat: CompatAggregate): string {
  const sections = [
    `# Aggregate comparison \`${compat.campaign_id}\`: \`${compat.candidate}\` vs \`${compat.baseline}\``,
    `Valid runs only, ${compat.runs} rounds; benchmark \`${compat.benchmark_hash.slice(0, 12)}\`.`,
    ...Object.entries(compat.modes).map(([mode, metrics]) => {
      const rows = compat.metrics.map((metric) => metricRow(metric, metrics[metric]));
      return `## Mode \`${mode}\`\n\n${markdownTable(HEADERS, rows, ALIGN)}`;
    }),
  ];
  return `${sections.join("\n\n")}\n`;
}

function metricRow(metric: string, entry: CompatMetric | undefined): string[] {
  if (entry === undefined) return [metric, "—", "—", "—", "—", "—"];
  const unit = metricUnit(metric);
  return [
    metric,
    value(unit, entry.baseline.median),
    value(unit, entry.candidate.median),
    delta(unit, entry.delta_median),
    spread(unit, entry.baseline),
    spread(unit, entry.candidate),
  ];
}

function value(unit: MetricUnit, x: number | null): string {
  return x === null ? "—" : formatMetricValue(unit, x);
}

function delta(unit: MetricUnit, x: number | null): string {
  if (x === null) return "—";
  const text = formatMetricValue(unit, Math.abs(x));
  return x > 0 ? `+${text}` : x < 0 ? `-${text}` : text;
}

function spread(unit: MetricUnit, stats: CompatStats): string {
  if (stats.mean === null || stats.min === null || stats.max === null) return "—";
  const range = `${formatMetricValue(unit, stats.min, false)}–${formatMetricValue(unit, stats.max, false)}`;
  return `${formatMetricValue(unit, stats.mean)} (${range})`;
}
