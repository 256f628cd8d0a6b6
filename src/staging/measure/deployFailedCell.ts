import type { ScheduledRound } from "../campaign/schedule.js";
import type { CellSummary } from "./CellSummary.js";

/** The cell of a version that could not be measured in a round: invalid, with the reason. */
export function deployFailedCell(version: string, round: ScheduledRound, message: string): CellSummary {
  return {
    version_slug: version,
    platform_mode: round.mode,
    round: round.round,
    run_index: round.index,
    metrics: {},
    unavailable: {},
    valid: false,
    invalid_reasons: [`deploy failed: ${message}`],
    counts: {
      completed: null,
      failed: null,
      not_sent: null,
      responses_checked: 0,
      response_mismatches: 0,
      scrape_samples: 0,
      scrape_failures: 0,
    },
    window_s: null,
  };
}
