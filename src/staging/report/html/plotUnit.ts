import { metricUnit } from "../metricUnits.js";

/** How a metric is drawn: values are multiplied by `factor` and the axis says `label`. */
export interface PlotUnit {
  factor: number;
  label: string;
}

/**
 * The axis unit of a metric, the one report.md prints it in: milliseconds (seconds are shown as
 * milliseconds), MiB for bytes, percent for ratios, req/s; anything else as a plain number.
 */
export function plotUnit(metric: string): PlotUnit {
  switch (metricUnit(metric)) {
    case "ms":
      return { factor: 1, label: "ms" };
    case "seconds":
      return { factor: 1000, label: "ms" };
    case "cpu":
      return { factor: 1e6, label: "µs CPU" };
    case "bytes":
      return { factor: 1 / 1048576, label: "MiB" };
    case "ratio":
      return { factor: 100, label: "%" };
    case "req/s":
      return { factor: 1, label: "req/s" };
    case "number":
      return { factor: 1, label: "" };
  }
}

/** The y-axis title of a metric: its name and unit, e.g. `p95 (ms)`. */
export function axisTitle(metric: string): string {
  const { label } = plotUnit(metric);
  return label === "" ? metric : `${metric} (${label})`;
}
