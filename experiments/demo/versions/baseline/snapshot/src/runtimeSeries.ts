import { PerformanceObserver } from "node:perf_hooks";
import type { Runtime } from "./config.js";
import type { RuntimeSeries } from "./Metrics.js";

/**
 * The process series this runtime can publish. A series the runtime cannot measure is left out,
 * never published as 0:
 * - both: `process_resident_memory_bytes` (RSS).
 * - node: `nodejs_heap_used_bytes` (V8 heap in use), `nodejs_gc_pause_seconds_total` and
 *   `nodejs_gc_runs_total` (from perf_hooks "gc" entries).
 * - bun: `process_heap_bytes` (JavaScriptCore heap size, `process.memoryUsage().heapUsed`); bun's
 *   perf_hooks has no "gc" entries, so no GC series.
 */
export function runtimeSeries(runtime: Runtime): RuntimeSeries[] {
  const series: RuntimeSeries[] = [
    {
      name: "process_resident_memory_bytes",
      type: "gauge",
      help: "Resident set size in bytes.",
      read: () => process.memoryUsage.rss(),
    },
    runtime === "node"
      ? {
          name: "nodejs_heap_used_bytes",
          type: "gauge",
          help: "V8 heap in use in bytes.",
          read: () => process.memoryUsage().heapUsed,
        }
      : {
          name: "process_heap_bytes",
          type: "gauge",
          help: "JavaScriptCore heap size in bytes (process.memoryUsage().heapUsed under bun).",
          read: () => process.memoryUsage().heapUsed,
        },
  ];
  const gc = observeGc();
  if (gc !== undefined) {
    series.push(
      {
        name: "nodejs_gc_pause_seconds_total",
        type: "counter",
        help: "Total time the process spent in garbage collection pauses.",
        read: () => gc.seconds,
      },
      { name: "nodejs_gc_runs_total", type: "counter", help: "Garbage collections.", read: () => gc.runs },
    );
  }
  return series;
}

/** GC totals from perf_hooks, or undefined where the runtime emits no "gc" entries (bun). */
function observeGc(): { seconds: number; runs: number } | undefined {
  // Typed by @types/node only from v22; present at runtime in node 20 and bun.
  const supported = (PerformanceObserver as { supportedEntryTypes?: readonly string[] }).supportedEntryTypes ?? [];
  if (!supported.includes("gc")) return undefined;
  const totals = { seconds: 0, runs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      totals.seconds += entry.duration / 1000;
      totals.runs++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return totals;
}
