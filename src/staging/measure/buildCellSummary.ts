import type { EndpointLoad, LoadResult } from "../../drivers/load/index.js";
import type { ThresholdsSpec } from "../benchmark/index.js";
import type { CellSummary, EndpointSummary } from "./CellSummary.js";
import type { WindowMeasure } from "./WindowMeasure.js";

/** What the scrape of the measured window gave. */
export interface ScrapeOutcome {
  metrics: Record<string, number | null>;
  unavailable: Record<string, string>;
  samples: number;
  failures: number;
}

export interface CellFacts {
  version: string;
  mode: string;
  round: number;
  runIndex: number;
  load: LoadResult;
  scrape: ScrapeOutcome;
  rssPeak: { bytes: number } | { bytes: null; reason: string };
  /** The service's CPU seconds per request served over the measured windows. */
  cpuPerRequest?: { seconds: number } | { seconds: null; reason: string };
  /** The measured windows, when the run had several (or one) with their own figures. */
  windows?: WindowMeasure[];
  /** Set when the service was gone at the end of the window. */
  serviceDied: string | null;
  thresholds: ThresholdsSpec;
  /** The benchmark's metrics: one this mode does not publish is left out with that reason, never 0. */
  metricNames: readonly string[];
}

/** Metrics the report cannot do without: a run missing one is invalid. */
const REQUIRED = ["p95", "throughput", "fail_rate"];

/**
 * The cell summary of one run. A run is invalid for stated reasons (errors over the threshold,
 * a dead service, a missing required metric, failed k6 thresholds, wrong responses), never dropped.
 * A metric without a value is left out of `metrics` (the prototype's aggregator fails on null),
 * with its reason in `unavailable`. The merged latency histogram and the figures per request name
 * ride along for the report.
 */
export function buildCellSummary(f: CellFacts): CellSummary {
  const ms = (us: number | null) => (us === null ? null : us / 1000);
  const metrics: Record<string, number | null> = {
    p50: ms(f.load.latencyUs.p50),
    p95: ms(f.load.latencyUs.p95),
    p99: ms(f.load.latencyUs.p99),
    fail_rate: f.load.failRate,
    throughput: f.load.throughput,
    rss_peak: f.rssPeak.bytes,
    cpu_per_request: f.cpuPerRequest?.seconds ?? null,
    heap_peak: null,
    gc_pause: null,
    ...f.scrape.metrics,
  };
  const unavailable: Record<string, string> = { ...f.scrape.unavailable };
  for (const [field, why] of Object.entries(f.load.unavailable)) {
    const metric = {
      "latencyUs.p50": "p50",
      "latencyUs.p95": "p95",
      "latencyUs.p99": "p99",
      throughput: "throughput",
      failRate: "fail_rate",
    }[field];
    if (metric && metrics[metric] === null) unavailable[metric] = why;
  }
  if (f.rssPeak.bytes === null) unavailable.rss_peak = f.rssPeak.reason;
  if (f.cpuPerRequest?.seconds === null) unavailable.cpu_per_request = f.cpuPerRequest.reason;
  for (const name of new Set(["heap_peak", "gc_pause", ...f.metricNames])) {
    if ((metrics[name] ?? null) === null && !unavailable[name]) {
      metrics[name] = null;
      unavailable[name] = `not published in mode ${f.mode}`;
    }
  }
  const reasons = [...f.load.invalidReasons];
  if (f.load.failRate !== null && f.load.failRate > f.thresholds.max_fail_rate) {
    reasons.push(`fail_rate ${f.load.failRate.toFixed(4)} over max_fail_rate ${f.thresholds.max_fail_rate}`);
  }
  const scrapes = f.scrape.samples;
  if (scrapes > 0 && f.scrape.failures / scrapes > f.thresholds.max_scrape_failure_ratio) {
    reasons.push(
      `${f.scrape.failures} of ${scrapes} metric scrapes failed (over max_scrape_failure_ratio ${f.thresholds.max_scrape_failure_ratio})`,
    );
  }
  if (f.serviceDied) reasons.push(f.serviceDied);
  for (const name of REQUIRED)
    if (metrics[name] === null)
      reasons.push(`required metric ${name} missing: ${unavailable[name] ?? "no value"}`);
  return {
    version_slug: f.version,
    platform_mode: f.mode,
    round: f.round,
    run_index: f.runIndex,
    metrics: withValues(metrics),
    unavailable: Object.fromEntries(Object.entries(unavailable).sort(([a], [b]) => (a < b ? -1 : 1))),
    valid: reasons.length === 0,
    invalid_reasons: reasons,
    counts: {
      completed: f.load.requests.completed,
      failed: f.load.requests.failed,
      not_sent: f.load.requests.notSent,
      responses_checked: f.load.responsesChecked,
      response_mismatches: f.load.responseMismatches,
      scrape_samples: f.scrape.samples,
      scrape_failures: f.scrape.failures,
    },
    window_s: f.load.windowS,
    ...(f.windows ? { windows: f.windows } : {}),
    ...(f.load.histogram ? { histogram: f.load.histogram } : {}),
    ...(Object.keys(f.load.endpoints).length > 0 ? { endpoints: endpointSummaries(f.load.endpoints) } : {}),
  };
}

/** The figures of each request name, in the run's units (ms, a ratio, req/s). */
function endpointSummaries(endpoints: Record<string, EndpointLoad>): Record<string, EndpointSummary> {
  const out: Record<string, EndpointSummary> = {};
  for (const [name, e] of Object.entries(endpoints)) {
    const ms = (us: number | null) => (us === null ? null : us / 1000);
    out[name] = {
      metrics: withValues({
        p50: ms(e.latencyUs.p50),
        p95: ms(e.latencyUs.p95),
        p99: ms(e.latencyUs.p99),
        fail_rate: e.failRate,
        throughput: e.throughput,
      }),
      counts: { completed: e.completed, failed: e.failed },
      ...(e.histogram ? { histogram: e.histogram } : {}),
    };
  }
  return out;
}

function withValues(metrics: Record<string, number | null>): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) if (value !== null) kept[name] = value;
  return kept;
}
