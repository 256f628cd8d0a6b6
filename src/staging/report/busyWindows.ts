import type { CellSummary } from "./CampaignInput.js";

/** Other work at or above this many CPUs makes a window busy. */
export const BUSY_OTHERS_CPUS = 0.5;
/** Steal at or above this share of the CPUs' time makes a window busy. */
export const BUSY_STEAL = 0.05;

/**
 * How many of a mode's measured windows shared the machine with other work: another process used
 * half a CPU or more, or the hypervisor stole 5% or more. They stay in the analysis (pairing cancels
 * what hits both versions alike); the report says how many there were.
 */
export function busyWindows(cells: readonly CellSummary[]): { busy: number; total: number } {
  const windows = cells.flatMap((c) => c.windows ?? []);
  const busy = windows.filter(
    (w) => (w.othersCpus ?? 0) >= BUSY_OTHERS_CPUS || (w.machine?.stealFraction ?? 0) >= BUSY_STEAL,
  ).length;
  return { busy, total: windows.length };
}
