import type { EndpointLoad, LatencyHistogram, LatencySummaryUs, LoadResult } from "./LoadDriver.js";
import { loadModules, modules } from "./loadModules.js";

/**
 * The windows of one deployment as one measurement: their histograms added, their counts summed,
 * throughput over their summed time. Percentiles of the sum, not means of percentiles. The same
 * per request name.
 */
export async function mergeLoadResults(results: readonly LoadResult[]): Promise<LoadResult> {
  const first = results[0];
  if (!first) throw new RangeError("mergeLoadResults: no results to merge");
  if (results.length === 1) return first;
  await loadModules();
  const sum = (f: (r: LoadResult) => number | null): number | null =>
    results.every((r) => f(r) !== null) ? results.reduce((a, r) => a + f(r)!, 0) : null;
  const completed = sum((r) => r.requests.completed);
  const failed = sum((r) => r.requests.failed);
  const windowS = sum((r) => r.windowS);
  const answered = completed !== null && failed !== null ? completed + failed : null;
  const merged = mergeHistograms(results.map((r) => r.histogram));
  const unavailable: Record<string, string> = {};
  for (const r of results) Object.assign(unavailable, r.unavailable);
  return {
    driver: first.driver,
    latencyUs: merged?.summary ?? results.map((r) => r.latencyUs).reduce(worst),
    histogram: merged?.histogram ?? null,
    statusCounts: addCounts(results.map((r) => r.statusCounts)),
    errors: addCounts(results.map((r) => r.errors)),
    requests: { completed, failed, notSent: sum((r) => r.requests.notSent) },
    throughput: completed !== null && windowS ? completed / windowS : null,
    windowS,
    failRate: answered ? failed! / answered : null,
    endpoints: mergeEndpoints(results, windowS),
    responseMismatches: results.reduce((a, r) => a + r.responseMismatches, 0),
    responsesChecked: results.reduce((a, r) => a + r.responsesChecked, 0),
    invalidReasons: [...new Set(results.flatMap((r) => r.invalidReasons))],
    unavailable,
  };
}

/**
 * Each request name over the windows. A name missing from a window leaves its counts unknown; its
 * histograms are added where every window that answered it has one (a window without a response
 * of that name has none), else the worse of the summaries stands in.
 */
function mergeEndpoints(
  results: readonly LoadResult[],
  windowS: number | null,
): Record<string, EndpointLoad> {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.endpoints)))];
  const out: Record<string, EndpointLoad> = {};
  for (const name of names) {
    const parts = results.map((r) => r.endpoints[name]);
    const sum = (f: (e: EndpointLoad) => number | null): number | null =>
      parts.every((e) => e !== undefined && f(e) !== null) ? parts.reduce((a, e) => a + f(e!)!, 0) : null;
    const completed = sum((e) => e.completed);
    const failed = sum((e) => e.failed);
    const answered = completed !== null && failed !== null ? completed + failed : null;
    const drawn = parts.filter((e): e is EndpointLoad => e !== undefined && (e.latencyUs.count ?? 1) > 0);
    const merged = mergeHistograms(drawn.map((e) => e.histogram));
    const summaries = drawn.map((e) => e.latencyUs);
    out[name] = {
      latencyUs: merged?.summary ?? (summaries.length > 0 ? summaries.reduce(worst) : EMPTY),
      histogram: merged?.histogram ?? null,
      completed,
      failed,
      throughput: completed !== null && windowS ? completed / windowS : null,
      failRate: answered ? failed! / answered : null,
    };
  }
  return out;
}

const EMPTY: LatencySummaryUs = {
  p50: null,
  p90: null,
  p95: null,
  p99: null,
  max: null,
  mean: null,
  count: 0,
};

function mergeHistograms(
  encoded: readonly (LatencyHistogram | null)[],
): { histogram: LatencyHistogram; summary: LatencySummaryUs } | undefined {
  if (encoded.length === 0 || encoded.some((h) => h === null)) return undefined;
  const { hdr } = modules();
  const parts = encoded.map((h) => hdr.decodeFromCompressedBase64(h!.encoded));
  const total = parts[0]!;
  try {
    for (const part of parts.slice(1)) total.add(part);
    const at = (p: number) => total.getValueAtPercentile(p);
    const count = total.totalCount;
    return {
      histogram: {
        format: "hdr-histogram-js/compressed-base64",
        unit: "us",
        encoded: hdr.encodeIntoCompressedBase64(total),
      },
      summary: {
        p50: at(50),
        p90: at(90),
        p95: at(95),
        p99: at(99),
        max: total.maxValue,
        mean: Math.round(total.mean * 1000) / 1000,
        count,
      },
    };
  } finally {
    for (const part of parts) part.destroy();
  }
}

function addCounts(maps: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const map of maps) for (const [k, v] of Object.entries(map)) out[k] = (out[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Without histograms to add, the worse of two summaries, field by field (a conservative stand-in). */
function worst(a: LatencySummaryUs, b: LatencySummaryUs): LatencySummaryUs {
  const w = (x: number | null, y: number | null) => (x === null || y === null ? null : Math.max(x, y));
  return {
    p50: w(a.p50, b.p50),
    p90: w(a.p90, b.p90),
    p95: w(a.p95, b.p95),
    p99: w(a.p99, b.p99),
    max: w(a.max, b.max),
    mean: w(a.mean, b.mean),
    count: a.count === null || b.count === null ? null : a.count + b.count,
  };
}
