import type { LatencySummaryUs } from "../../drivers/load/index.js";
import type { MachineLoadWindow } from "../../drivers/metrics/index.js";

/** One measured window of one deployment: what the load saw, and the work and load behind it. */
export interface WindowMeasure {
  /** 1-based, in the order the round ran its windows. */
  index: number;
  /** The CPUs the service was pinned to during the window; null when not pinned. */
  cpus: number[] | null;
  latencyUs: LatencySummaryUs;
  completed: number | null;
  failed: number | null;
  windowS: number | null;
  throughput: number | null;
  /** The service's own CPU time over the window (its process tree or container), ns; null when not readable. */
  cpuNs: number | null;
  /** `cpuNs` / completed, in seconds: the work one request cost. */
  cpuPerRequest: number | null;
  /** Where the CPU time came from: schedstat, stat ticks or the container's cgroup. */
  cpuSource: string | null;
  /** How busy the target machine was over the window, this measurement's own work included. */
  machine: MachineLoadWindow | null;
  /** CPU the rest of the machine used (all busy time minus the services' and the load generator's), in CPUs. */
  othersCpus: number | null;
  /** Per request name: what the load saw of its requests in this window. */
  endpoints?: Record<string, WindowEndpoint>;
}

/** One request name in one window. */
export interface WindowEndpoint {
  latencyUs: { p50: number | null; p95: number | null; p99: number | null };
  completed: number | null;
  failed: number | null;
  throughput: number | null;
}
