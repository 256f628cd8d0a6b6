import type { CellSummary } from "../staging/measure/CellSummary.js";

const COLUMNS: [string, string, (v: number) => string][] = [
  ["p50", "p50", (v) => `${v.toFixed(3)} ms`],
  ["p95", "p95", (v) => `${v.toFixed(3)} ms`],
  ["p99", "p99", (v) => `${v.toFixed(3)} ms`],
  ["throughput", "req/s", (v) => v.toFixed(1)],
  ["fail_rate", "fail", (v) => `${(v * 100).toFixed(2)}%`],
  ["heap_peak", "heap", (v) => `${(v / 2 ** 20).toFixed(1)} MiB`],
  ["gc_pause", "gc", (v) => `${(v * 1000).toFixed(1)} ms`],
  ["rss_peak", "rss", (v) => `${(v / 2 ** 20).toFixed(1)} MiB`],
];

/** Measured runs as an aligned table; a metric a mode does not publish shows `n/a`, never 0. */
export function formatCells(cells: readonly CellSummary[]): string {
  const header = ["version", "mode", ...COLUMNS.map(([, label]) => label), "valid"];
  const rows = cells.map((c) => [
    c.version_slug,
    c.platform_mode,
    ...COLUMNS.map(([key, , fmt]) => {
      const v = c.metrics[key];
      return v === null || v === undefined ? "n/a" : fmt(v);
    }),
    c.valid ? "yes" : `NO: ${c.invalid_reasons.join("; ")}`,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === header.length - 1 ? 0 : r[i]!.length))),
  );
  return [header, ...rows]
    .map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join("  "))
    .join("\n");
}
