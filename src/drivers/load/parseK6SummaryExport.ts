import { isObject, k6SummaryError, numericEntries, readK6Json } from "./k6Json.js";
import { toK6SummaryFields, type K6Metric, type K6SummaryFields } from "./k6SummaryFields.js";

const FORMAT = "summary-export";

/**
 * Parses the file `k6 run --summary-export=FILE` writes (the legacy JSON summary): each metric is
 * a flat object of stats; a Rate metric's ratio is `value` with `passes` (non-zero samples: for
 * `http_req_failed`, FAILED requests) and `fails`; thresholds map each expression to `true` when
 * it FAILED. Accepts the text or the parsed JSON; `requestNames` are the benchmark's, whose tagged
 * sub-metrics give the figures per request name. Pure.
 */
export function parseK6SummaryExport(json: unknown, requestNames: readonly string[] = []): K6SummaryFields {
  const { metrics } = readK6Json(json, FORMAT);
  const view: Record<string, K6Metric> = {};
  for (const [name, raw] of Object.entries(metrics)) {
    if (!isObject(raw)) throw k6SummaryError(FORMAT, `metric ${name} is not an object`);
    if (isObject(raw.values) && typeof raw.type === "string") {
      throw k6SummaryError(
        FORMAT,
        `metric ${name} has type/values: this is handleSummary data (use parseK6HandleSummary)`,
      );
    }
    const values = numericEntries(raw);
    if ("passes" in values && "fails" in values && values.value !== undefined) {
      values.rate = values.value;
      delete values.value;
    }
    view[name] = { values, thresholds: thresholdsOf(name, raw.thresholds) };
  }
  return toK6SummaryFields({ format: FORMAT, metrics: view }, requestNames);
}

function thresholdsOf(metric: string, raw: unknown): K6Metric["thresholds"] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw k6SummaryError(FORMAT, `thresholds of ${metric} is not an object`);
  return Object.entries(raw).map(([expression, failed]) => {
    if (typeof failed !== "boolean")
      throw k6SummaryError(FORMAT, `threshold ${metric} ${expression} is not true/false`);
    return { expression, failed };
  });
}
