import type { EndpointLoad, LatencySummaryUs, LoadRequestCounts } from "./LoadDriver.js";

/** One k6 metric, the same whichever summary it came from. */
export interface K6Metric {
  /** Stats as k6 wrote them: `avg`, `med`, `p(95)`, `count`, `rate`; a Rate metric's ratio is `rate`. */
  values: Record<string, number>;
  thresholds: K6Threshold[];
}

export interface K6Threshold {
  /** The threshold's source expression, e.g. `p(95)<200`. */
  expression: string;
  failed: boolean;
}

/** Both k6 summary formats, reduced to what the mapping needs. */
export interface K6SummaryView {
  format: "summary-export" | "handle-summary";
  metrics: Record<string, K6Metric>;
  /** `options.summaryTrendStats` (handleSummary only). */
  trendStats?: string[];
  /** `state.testRunDurationMs` (handleSummary only). */
  testRunDurationMs?: number;
}

/** The LoadResult fields a k6 summary provides; null fields are explained in `unavailable`. */
export interface K6SummaryFields {
  latencyUs: LatencySummaryUs;
  requests: LoadRequestCounts;
  throughput: number | null;
  windowS: number | null;
  failRate: number | null;
  errors: Record<string, number>;
  /** Per request name, from the summary's sub-metrics tagged `name:<request>`; empty without them. */
  endpoints: Record<string, EndpointLoad>;
  /** Every threshold, named `<metric> <expression>`. */
  thresholds: { name: string; failed: boolean }[];
  /** `k6 threshold failed: <metric> <expression>` for each failed threshold. */
  invalidReasons: string[];
  unavailable: Record<string, string>;
}

const TREND_STATS: [keyof LatencySummaryUs, string][] = [
  ["p50", "med"],
  ["p90", "p(90)"],
  ["p95", "p(95)"],
  ["p99", "p(99)"],
  ["max", "max"],
  ["mean", "avg"],
];

/**
 * Maps a k6 summary to LoadResult fields: latency from `http_req_duration` (ms -> us), failures
 * from `http_req_failed` (a Rate: `passes` counts the requests that FAILED, `fails` the ones that
 * succeeded), throughput as successful requests per second (`http_reqs` rate times the successful
 * share, so equal to the `http_reqs` rate when nothing failed), `dropped_iterations` as notSent.
 * A missing metric or stat is null with a reason, never 0. The one exception is
 * `dropped_iterations`: k6 leaves metrics without samples out of both summaries and only samples
 * this one when an arrival-rate executor drops an iteration, so its absence means none dropped.
 * Per request name, the same from the sub-metrics `http_req_duration{name:<request>}` and
 * `http_req_failed{name:<request>}`, which k6 writes only for sub-metrics with a threshold.
 */
export function toK6SummaryFields(view: K6SummaryView, names: readonly string[] = []): K6SummaryFields {
  const unavailable: Record<string, string> = {};
  const duration = view.metrics.http_req_duration?.values;
  const reqs = view.metrics.http_reqs?.values;
  const failedMetric = view.metrics.http_req_failed?.values;

  const latencyUs = latencyFrom(view, duration, reqs, unavailable);
  const failed = failedMetric?.passes ?? null;
  const succeeded = failedMetric?.fails ?? null;
  const failRate = failedMetric?.rate ?? null;
  if (failed === null) unavailable["requests.failed"] = missing(view, "http_req_failed", "passes");
  if (succeeded === null) unavailable["requests.completed"] = missing(view, "http_req_failed", "fails");
  if (failRate === null) unavailable["failRate"] = missing(view, "http_req_failed", "rate");

  const windowS = windowFrom(view, reqs, unavailable);
  let throughput: number | null = null;
  if (reqs?.rate === undefined) unavailable["throughput"] = missing(view, "http_reqs", "rate");
  else if (failed === null || succeeded === null)
    unavailable["throughput"] = "http_req_failed is missing, so successful requests are unknown";
  else throughput = failed + succeeded > 0 ? (reqs.rate * succeeded) / (failed + succeeded) : 0;

  const thresholds = Object.entries(view.metrics).flatMap(([metric, m]) =>
    m.thresholds.map((t) => ({ name: `${metric} ${t.expression}`, failed: t.failed })),
  );
  const endpoints = endpointsFrom(view, names, windowS);
  if (Object.keys(endpoints).length === 0)
    unavailable["endpoints"] =
      "the k6 summary has no sub-metrics per request name: tag each request with { name: '<request>' } and give http_req_duration{name:<request>} and http_req_failed{name:<request>} a threshold";
  unavailable["histogram"] = "k6 summaries carry percentiles only, not a histogram";
  unavailable["statusCounts"] = "k6 summaries carry no per-status counts";
  unavailable["responsesChecked"] =
    "the k6 driver does not see response bodies: check them in the script (check() with a threshold on checks)";
  return {
    latencyUs,
    requests: { completed: succeeded, failed, notSent: view.metrics.dropped_iterations?.values.count ?? 0 },
    throughput,
    windowS,
    failRate,
    errors: failed === null ? {} : { http_req_failed: failed },
    endpoints,
    thresholds,
    invalidReasons: thresholds.filter((t) => t.failed).map((t) => `k6 threshold failed: ${t.name}`),
    unavailable,
  };
}

/** The request names with a tagged sub-metric in the summary, in the order given. */
function endpointsFrom(
  view: K6SummaryView,
  names: readonly string[],
  windowS: number | null,
): Record<string, EndpointLoad> {
  const out: Record<string, EndpointLoad> = {};
  for (const name of names) {
    const duration = view.metrics[`http_req_duration{name:${name}}`]?.values;
    const failedMetric = view.metrics[`http_req_failed{name:${name}}`]?.values;
    if (!duration && !failedMetric) continue;
    const latencyUs = latencyFrom(view, duration, undefined, {});
    const failed = failedMetric?.passes ?? null;
    const completed = failedMetric?.fails ?? null;
    if (latencyUs.count === null && failed !== null && completed !== null)
      latencyUs.count = failed + completed;
    out[name] = {
      latencyUs,
      histogram: null,
      completed,
      failed,
      throughput: completed !== null && windowS ? completed / windowS : null,
      failRate: failedMetric?.rate ?? null,
    };
  }
  return out;
}

function latencyFrom(
  view: K6SummaryView,
  duration: Record<string, number> | undefined,
  reqs: Record<string, number> | undefined,
  unavailable: Record<string, string>,
): LatencySummaryUs {
  const latency: LatencySummaryUs = {
    p50: null,
    p90: null,
    p95: null,
    p99: null,
    max: null,
    mean: null,
    count: null,
  };
  for (const [field, stat] of TREND_STATS) {
    const ms = duration?.[stat];
    if (ms !== undefined) latency[field] = msToUs(ms);
    else
      unavailable[`latencyUs.${field}`] = duration
        ? missingStat(view, stat)
        : missing(view, "http_req_duration", stat);
  }
  const count = duration?.count ?? reqs?.count;
  if (count !== undefined) latency.count = count;
  else unavailable["latencyUs.count"] = missing(view, "http_reqs", "count");
  return latency;
}

function windowFrom(
  view: K6SummaryView,
  reqs: Record<string, number> | undefined,
  unavailable: Record<string, string>,
): number | null {
  if (view.testRunDurationMs !== undefined) return view.testRunDurationMs / 1000;
  const iterations = view.metrics.iterations?.values;
  for (const counter of [reqs, iterations]) {
    if (counter?.count !== undefined && counter.rate !== undefined && counter.rate > 0)
      return counter.count / counter.rate;
  }
  unavailable["windowS"] = "no test duration: the summary has no http_reqs or iterations count and rate";
  return null;
}

function missingStat(view: K6SummaryView, stat: string): string {
  const stats = view.trendStats ? ` (summaryTrendStats: ${view.trendStats.join(", ")})` : "";
  return `k6 did not report http_req_duration ${stat}${stats}; add it to --summary-trend-stats`;
}

function missing(view: K6SummaryView, metric: string, stat: string): string {
  return view.metrics[metric]
    ? `${metric} has no ${stat} in the k6 ${view.format}`
    : `${metric} is missing from the k6 ${view.format}`;
}

function msToUs(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}
