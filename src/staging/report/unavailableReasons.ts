import type { CellSummary } from "./CampaignInput.js";

/** The distinct `unavailable` reasons (sorted) of the runs in which `metric` has no value. */
export function unavailableReasons(cells: readonly CellSummary[], metric: string): string[] {
  const reasons = new Set<string>();
  for (const cell of cells) {
    const reason = cell.unavailable?.[metric];
    if ((cell.metrics[metric] ?? null) === null && reason !== undefined) reasons.add(reason);
  }
  return [...reasons].sort();
}

/**
 * A metric is not published in a mode when no run of either version, valid or not, has a value of it
 * and at least one run says why (its `unavailable` reason). Without any reason a metric that is
 * missing everywhere is missing data, not "not published".
 */
export function isUnpublished(cells: readonly CellSummary[], metric: string): boolean {
  const anyValue = cells.some((cell) => (cell.metrics[metric] ?? null) !== null);
  return !anyValue && unavailableReasons(cells, metric).length > 0;
}
