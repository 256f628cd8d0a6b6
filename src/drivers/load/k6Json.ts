import { StagingError } from "../../errors/StagingError.js";

export type JsonObject = Record<string, unknown>;

/** Accepts the summary as text or as parsed JSON; returns its top-level object with a `metrics` object. */
export function readK6Json(json: unknown, format: string): { root: JsonObject; metrics: JsonObject } {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json) as unknown;
    } catch (cause) {
      throw k6SummaryError(format, "not JSON", cause);
    }
  }
  if (!isObject(value)) throw k6SummaryError(format, "not a JSON object");
  if (!isObject(value.metrics)) throw k6SummaryError(format, "no `metrics` object");
  return { root: value, metrics: value.metrics };
}

/** The numeric entries of an object (k6 stats), everything else dropped. */
export function numericEntries(value: JsonObject): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === "number" && Number.isFinite(v)) out[key] = v;
  return out;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function k6SummaryError(format: string, got: string, cause?: unknown): StagingError {
  return new StagingError(`k6 ${format} is not in the expected format`, {
    code: "E_K6_SUMMARY",
    exitCode: 1,
    facts: { format, got },
    hint: "summary-export is the file of `k6 run --summary-export`; handleSummary data is the object k6 passes to handleSummary(data)",
    ...(cause === undefined ? {} : { cause }),
  });
}
