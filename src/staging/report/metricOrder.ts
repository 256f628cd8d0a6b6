/** The metrics the old aggregate read, in its order (COMPAT.md "Campaign folder"). */
export const COMPAT_METRIC_ORDER: readonly string[] = [
  "p95",
  "p99",
  "fail_rate",
  "throughput",
  "heap_peak",
  "gc_pause",
];

/** The order a report lists the specified metrics in: COMPAT order, CPU per request, then the others as specified. */
export function metricOrder(specs: Readonly<Record<string, unknown>>): string[] {
  const named = Object.keys(specs);
  const known = [...COMPAT_METRIC_ORDER, "cpu_per_request"];
  const first = known.filter((name) => named.includes(name));
  return [...first, ...named.filter((name) => !known.includes(name))];
}
