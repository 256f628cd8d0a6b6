import type { CellSummary } from "./CellSummary.js";
import type { Pinning } from "./pinWindow.js";

/** What one round of one mode measured: both versions, in the order they ran. */
export interface RoundOutput {
  campaign: string;
  round: number;
  mode: string;
  first: "baseline" | "candidate";
  design: "alternate" | "duet";
  /** A duet's placement in its last window, and why it could not pin where it could not. */
  pinning: Pinning | null;
  baseline: CellSummary;
  candidate: CellSummary;
}
