/** The aggregate CPU line of `/proc/stat`, in clock ticks summed over all online CPUs. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  /** Time a hypervisor ran something else while this machine wanted the CPU; null when the kernel has no such column (before 2.6.11). */
  steal: number | null;
}

/** What the measurement reads from `/proc/stat`. */
export interface SystemStat {
  /** Online CPUs: the kernel lists one `cpuN` line for each. */
  cpus: number;
  times: CpuTimes;
}

const FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"] as const;

/**
 * Parses `/proc/stat`. Guest time (columns 9 and 10) is left out: the kernel already counts it in
 * user and nice. Columns a kernel does not have count as 0, except steal, which is null. Null when
 * the text has no aggregate `cpu` line.
 */
export function parseSystemStat(text: string): SystemStat | null {
  const lines = text.split("\n");
  const aggregate = lines.find((line) => /^cpu\s/.test(line));
  if (aggregate === undefined) return null;
  const values = aggregate.trim().split(/\s+/).slice(1).map(Number);
  if (values.length < 4 || values.some((v) => !Number.isFinite(v) || v < 0)) return null;
  const times = { steal: values[7] ?? null } as CpuTimes;
  for (const [index, field] of FIELDS.entries()) if (field !== "steal") times[field] = values[index] ?? 0;
  return { cpus: lines.filter((line) => /^cpu\d+\s/.test(line)).length, times };
}

/** All the ticks of a `CpuTimes`: busy, idle and stolen. */
export function totalTicks(times: CpuTimes): number {
  return FIELDS.reduce((sum, field) => sum + (times[field] ?? 0), 0);
}
