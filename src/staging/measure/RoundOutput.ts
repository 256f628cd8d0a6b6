import type { CellSummary } from "./CellSummary.js";

/** What one round of one mode measured: both versions, in the order they ran. */
export interface RoundOutput {
  campaign: string;
  round: number;
  mode: string;
  first: "baseline" | "candidate";
  baseline: CellSummary;
  candidate: CellSummary;
}
