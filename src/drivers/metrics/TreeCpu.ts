import type { CpuReading } from "./CpuReading.js";

/** The CPU of a process tree as read, before clock ticks are turned into nanoseconds. */
export type TreeCpu =
  { source: "schedstat"; ns: number; pids: number } | { source: "stat"; ticks: number; pids: number };

/**
 * utime + stime + cutime + cstime of a `/proc/<pid>/stat` line, in clock ticks: the process's own
 * threads (live and exited) and its reaped children. Fields are counted after the last `)`, since
 * the command name may hold spaces and parentheses. Null for a line that is not a stat line.
 */
export function statCpuTicks(line: string): number | null {
  const close = line.lastIndexOf(")");
  const rest = (close < 0 ? line : line.slice(close + 1)).trim().split(/\s+/);
  // rest[0] is field 3 (state); utime is field 14.
  const fields = rest.slice(11, 15).map(Number);
  if (fields.length < 4 || !fields.every((n) => Number.isInteger(n) && n >= 0)) return null;
  return fields.reduce((sum, n) => sum + n, 0);
}

/** The first field of a `schedstat` line: nanoseconds on CPU. Null when it is not a number. */
export function schedstatNs(line: string): number | null {
  const first = line.trim().split(/\s+/)[0] ?? "";
  return /^\d+$/.test(first) ? Number(first) : null;
}

export function toCpuReading(tree: TreeCpu, clockTicksPerSecond: number): CpuReading {
  if (tree.source === "schedstat") return tree;
  return { ns: Math.round((tree.ticks * 1e9) / clockTicksPerSecond), source: "stat", pids: tree.pids };
}
