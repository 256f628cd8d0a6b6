import { formatCpuList } from "./cpuList.js";

/** Where a duet window runs: baseline (A), candidate (B) and the load generator. */
export interface PinningPlan {
  /** CPUs of version A; empty when nothing is pinned. */
  a: number[];
  /** CPUs of version B; empty when nothing is pinned. */
  b: number[];
  /** CPUs of the load generator; null when it cannot be kept off A's and B's. */
  load: number[] | null;
  /** The placement in words, for the report. */
  note: string;
}

/**
 * Places a duet window on `cpus` (the target's usable CPUs). With three or more, A and B get the
 * last two CPUs, one each, and the load generator the rest (CPU 0, which usually takes most
 * interrupts, among them); with two, A and B get one each and the load generator shares both; with
 * one, nothing is pinned. `swap` exchanges A's and B's CPUs, so alternating windows give each
 * version each CPU in turn.
 */
export function pinningPlan(cpus: readonly number[], swap: boolean): PinningPlan {
  const sorted = [...new Set(cpus)].sort((x, y) => x - y);
  if (sorted.length < 2) {
    const which = sorted.length === 1 ? `one CPU (${sorted[0]})` : "no CPU list";
    return {
      a: [],
      b: [],
      load: null,
      note: `${which}: nothing pinned; A, B and the load generator share it`,
    };
  }
  const pair = sorted.slice(-2) as [number, number];
  const [cpuA, cpuB] = swap ? [pair[1], pair[0]] : pair;
  const rest = sorted.slice(0, -2);
  const load = rest.length > 0 ? rest : null;
  const placed = `A on CPU ${cpuA}, B on CPU ${cpuB}`;
  const note =
    load === null
      ? `${placed}; with two CPUs the load generator cannot be kept off them and runs on both`
      : `${placed}, load generator on CPU${load.length === 1 ? "" : "s"} ${formatCpuList(load)}`;
  return { a: [cpuA], b: [cpuB], load, note };
}
