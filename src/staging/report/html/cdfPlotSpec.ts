import type { TopLevelSpec } from "vega-lite";
import { formatMetricValue } from "../metricUnits.js";
import type { Role } from "./plotData.js";
import type { LatencyCdf } from "./latencyCdf.js";
import { describedBy, groupColor, type GroupStyle, type Layer, plotConfig } from "./plotTheme.js";

/** One version's merged latencies in a CDF plot. */
export interface CdfCurve {
  version: string;
  role: Role;
  /** Valid runs whose histograms were added. */
  runs: number;
  cdf: LatencyCdf;
}

/** What one CDF plot shows: the requests of one name (or all) in one mode. */
export interface CdfPlotInput {
  title: string;
  curves: readonly CdfCurve[];
  style: GroupStyle;
}

/** The y axis is stretched toward the tail (share cubed), so p95 and p99 stand apart from the max. */
const Y_TICKS = [0.5, 0.9, 0.95, 0.99];

/**
 * Cumulative distributions of latency, one line per version (baseline blue, candidate orange) on a
 * log latency axis, with p50, p95 and p99 of each marked by a dot. The y axis reads as
 * percentiles and is stretched toward the tail, where versions usually differ.
 */
export function cdfPlotSpec(input: CdfPlotInput): TopLevelSpec {
  const lines = input.curves.flatMap((c) =>
    c.cdf.points.map((p, i) => ({ group: c.version, ms: p.ms, share: p.share, i })),
  );
  const marks = input.curves.flatMap((c) =>
    c.cdf.marks.map((m) => ({
      group: c.version,
      ms: m.ms,
      share: m.share,
      label: `${c.role} ${c.version} ${m.name} ${formatMetricValue("ms", m.ms)} (${c.cdf.count} requests of ${c.runs} valid run${c.runs === 1 ? "" : "s"})`,
    })),
  );
  const all = lines.map((p) => p.ms);
  const x = {
    field: "ms",
    type: "quantitative" as const,
    title: "latency (ms, log scale)",
    scale: { type: "log" as const, domain: [Math.min(...all) / 1.1, Math.max(...all) * 1.1], nice: false },
    axis: { format: "~g", labelOverlap: true, tickCount: 6 },
  };
  const y = {
    field: "share",
    type: "quantitative" as const,
    title: "requests at or below",
    scale: { type: "pow" as const, exponent: 3, domain: [0, 1], nice: false },
    axis: { values: Y_TICKS, labelExpr: "'p' + format(datum.value * 100, 'd')" },
  };
  const layers: Layer[] = [
    {
      name: "curve",
      data: { values: lines },
      mark: { type: "line", strokeWidth: 1.6, interpolate: "linear" },
      encoding: { x, y, color: groupColor(input.style, true), order: { field: "i", type: "quantitative" } },
    },
    {
      name: "percentile",
      data: { values: marks },
      mark: { type: "point", filled: true, size: 36, opacity: 1 },
      encoding: { x, y, color: groupColor(input.style, true), ...describedBy("label") },
    },
  ];
  return { width: 250, height: 170, config: plotConfig(), title: input.title, layer: layers };
}
