import type { Aggregate } from "./Aggregate.js";
import { stableJson } from "./stableJson.js";

/** report.json: the aggregate as canonical JSON (keys sorted, newline-terminated), per `schemas/report.schema.json`. */
export function renderReportJson(aggregate: Aggregate): string {
  return stableJson(aggregate);
}
