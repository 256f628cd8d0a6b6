import { fixed, significant3 } from "./formatNumber.js";

/** How a metric's values are measured, which decides how a report prints them. */
export type MetricUnit = "ms" | "seconds" | "cpu" | "bytes" | "ratio" | "req/s" | "number";

const KNOWN: Readonly<Record<string, MetricUnit>> = {
  p50: "ms",
  p90: "ms",
  p95: "ms",
  p99: "ms",
  fail_rate: "ratio",
  throughput: "req/s",
  heap_peak: "bytes",
  rss_peak: "bytes",
  gc_pause: "seconds",
  cpu_per_request: "cpu",
};

const SUFFIXES: ReadonlyArray<readonly [string, MetricUnit]> = [
  ["_ms", "ms"],
  ["_seconds", "seconds"],
  ["_bytes", "bytes"],
  ["_ratio", "ratio"],
  ["_rate", "ratio"],
];

/** The unit of a metric: the known names of the metrics JSON, then by suffix (`_ms`, `_bytes`, …), else a plain number. */
export function metricUnit(metric: string): MetricUnit {
  const known = KNOWN[metric];
  if (known !== undefined) return known;
  return SUFFIXES.find(([suffix]) => metric.endsWith(suffix))?.[1] ?? "number";
}

/**
 * A value in its unit, fixed formats, no locale: milliseconds with 3 significant digits ("12.3 ms"; seconds
 * are shown as milliseconds), bytes as MiB with 2 decimals, ratios as percent with 2 decimals, req/s with
 * 1 decimal, anything else with 3 significant digits. `withUnit: false` leaves the unit off (CI bounds).
 */
export function formatMetricValue(unit: MetricUnit, value: number, withUnit = true): string {
  const [text, suffix] = parts(unit, value);
  return withUnit && suffix !== "" ? `${text}${suffix}` : text;
}

function parts(unit: MetricUnit, value: number): [string, string] {
  switch (unit) {
    case "ms":
      return [significant3(value), " ms"];
    case "seconds":
      return [significant3(value * 1000), " ms"];
    case "cpu":
      return [significant3(value * 1e6), " µs"];
    case "bytes":
      return [fixed(value / 1048576, 2), " MiB"];
    case "ratio":
      return [fixed(value * 100, 2), "%"];
    case "req/s":
      return [fixed(value, 1), " req/s"];
    case "number":
      return [significant3(value), ""];
  }
}
