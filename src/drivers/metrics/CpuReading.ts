/**
 * Where a CPU reading comes from: the `schedstat` of every thread (nanoseconds), the clock ticks of
 * `/proc/<pid>/stat` (10 ms on most kernels), or a container's cgroup counter.
 */
export type CpuSource = "schedstat" | "stat" | "cgroup";

/** CPU time a process tree or a container has used so far. Two readings bracket a window. */
export interface CpuReading {
  /** CPU time in nanoseconds, at the resolution of `source`. */
  ns: number;
  source: CpuSource;
  /** Processes counted (for a cgroup: the processes in it at the time of the read). */
  pids: number;
}
