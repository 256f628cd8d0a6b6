import { isObject, k6SummaryError, numericEntries, readK6Json } from "./k6Json.js";
import {
  toK6SummaryFields,
  type K6Metric,
  type K6SummaryFields,
  type K6SummaryView,
} from "./k6SummaryFields.js";

const FORMAT = "handleSummary data";

/**
 * Parses the `data` object k6 passes to `handleSummary(data)` (as `JSON.stringify(data)` writes
 * it): each metric has `type`, `contains` and `values` (a Rate's ratio is `values.rate`, with
 * `values.passes` = non-zero samples, for `http_req_failed` the FAILED requests); a threshold is
 * `{ "ok": false }` when it failed; `options.summaryTrendStats` and `state.testRunDurationMs` are
 * used when present. Accepts the text or the parsed JSON; `requestNames` are the benchmark's, whose
 * tagged sub-metrics give the figures per request name. Pure.
 */
export function parseK6HandleSummary(json: unknown, requestNames: readonly string[] = []): K6SummaryFields {
  const { root, metrics } = readK6Json(json, FORMAT);
  const view: Record<string, K6Metric> = {};
  for (const [name, raw] of Object.entries(metrics)) {
    if (!isObject(raw)) throw k6SummaryError(FORMAT, `metric ${name} is not an object`);
    if (!isObject(raw.values)) {
      throw k6SummaryError(
        FORMAT,
        `metric ${name} has no values object (a --summary-export file? use parseK6SummaryExport)`,
      );
    }
    view[name] = { values: numericEntries(raw.values), thresholds: thresholdsOf(name, raw.thresholds) };
  }
  const summary: K6SummaryView = { format: "handle-summary", metrics: view };
  const options = isObject(root.options) ? root.options : {};
  if (Array.isArray(options.summaryTrendStats)) summary.trendStats = options.summaryTrendStats.map(String);
  const state = isObject(root.state) ? root.state : {};
  if (typeof state.testRunDurationMs === "number") summary.testRunDurationMs = state.testRunDurationMs;
  return toK6SummaryFields(summary, requestNames);
}

function thresholdsOf(metric: string, raw: unknown): K6Metric["thresholds"] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw k6SummaryError(FORMAT, `thresholds of ${metric} is not an object`);
  return Object.entries(raw).map(([expression, result]) => {
    if (!isObject(result) || typeof result.ok !== "boolean") {
      throw k6SummaryError(FORMAT, `threshold ${metric} ${expression} has no ok: true/false`);
    }
    return { expression, failed: !result.ok };
  });
}
