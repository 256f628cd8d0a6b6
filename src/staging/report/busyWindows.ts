import type { CellSummary } from "./CampaignInput.js";

/** Other work at or above this many CPUs makes a window busy. */
export const BUSY_OTHERS_CPUS = 0.5;
/** Steal at or above this share of the CPUs' time makes a window busy. */
export const BUSY_STEAL = 0.05;

/**
 * How many of a mode's measured windows shared the machine with other work: another process used
 * half a CPU or more, or the hypervisor stole 5% or more. They stay in the analysis (pairing cancels
 * what hits both versions alike); the report says how many there were. In a duet both versions'
 * runs record the same windows: each counts once.
 */
export function busyWindows(
  cells: readonly CellSummary[],
  design: "alternate" | "duet",
): { busy: number; total: number } {
  const seen = new Set<string>();
  const windows = cells.flatMap((c) =>
    (c.windows ?? []).filter((w) => {
      if (design !== "duet") return true;
      const key = `${c.round}:${w.index}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
  const busy = windows.filter(
    (w) => (w.othersCpus ?? 0) >= BUSY_OTHERS_CPUS || (w.machine?.stealFraction ?? 0) >= BUSY_STEAL,
  ).length;
  return { busy, total: windows.length };
}
