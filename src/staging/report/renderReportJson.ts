import type { Aggregate } from "./Aggregate.js";
import type { CompatAggregate } from "./compatAggregate.js";
import { stableJson } from "./stableJson.js";

/** report.json: the aggregate as canonical JSON (keys sorted, newline-terminated), per `schemas/report.schema.json`. */
export function renderReportJson(aggregate: Aggregate): string {
  return stableJson(aggregate);
}

/**
 * aggregate-comparison.json of the old layout. Its members keep the order `compatAggregate` builds
 * (metrics in COMPAT order, modes in campaign order), as the old tool listed them; newline-terminated.
 */
export function renderAggregateJson(compat: CompatAggregate): string {
  return `${JSON.stringify(compat, null, 2)}\n`;
}
