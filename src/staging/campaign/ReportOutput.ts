import type { CriticalFinding } from "../report/index.js";

/** What a report node records: where the reports are, what they hold, and what gates promotion. */
export interface ReportOutput {
  campaign: string;
  /** Rounds the final analysis used. */
  rounds: number;
  /** File name -> sha256 of its text. */
  files: Record<string, string>;
  regressions_in_critical: CriticalFinding[];
  /** Critical metrics not decided: promotion asks for --force. */
  inconclusive_critical: CriticalFinding[];
}
