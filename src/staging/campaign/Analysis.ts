import type { Aggregate } from "../report/index.js";

/** What a look at the first `rounds` rounds found: the statistics, and whether they decide the campaign. */
export interface Analysis {
  rounds: number;
  /** True when no further rounds are needed: every critical metric decided, or the budget spent. */
  decided: boolean;
  aggregate: Aggregate;
}
