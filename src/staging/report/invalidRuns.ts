import type { InvalidRun } from "./Aggregate.js";
import type { CellSummary } from "./CampaignInput.js";

/** The invalid runs with their reasons, in the canonical order of `orderCells`. */
export function invalidRuns(orderedCells: readonly CellSummary[]): InvalidRun[] {
  return orderedCells
    .filter((cell) => !cell.valid)
    .map((cell) => ({
      version: cell.version_slug,
      mode: cell.platform_mode,
      round: cell.round,
      run_index: cell.run_index,
      reasons: cell.invalid_reasons.length > 0 ? [...cell.invalid_reasons] : ["no reason given"],
    }));
}
