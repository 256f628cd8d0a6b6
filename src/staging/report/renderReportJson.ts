import type { Aggregate } from "./Aggregate.js";
import type { CompatAggregate } from "./compatAggregate.js";
import { stableJson } from "./stableJson.js";

/** report.json: the aggregate as canonical JSON (keys sorted, newline-terminated), per `schemas/report.schema.json`. */
export function renderReportJson(aggregate: Aggregate): string {
  return stableJson(aggregate);
}

/**
 * Members in the order `compatAggregate` builds them; newline-terminated.
 * @deprecated not the prototype's schema: use `renderAggregateComparisonJson` (prototype/).
 */
export function renderAggregateJson(compat: CompatAggregate): string {
  return `${JSON.stringify(compat, null, 2)}\n`;
}
