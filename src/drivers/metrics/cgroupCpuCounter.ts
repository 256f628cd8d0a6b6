import type { CgroupEntry } from "../docker/memoryPeak.js";

/** A cgroup's CPU counter file, the unit it counts in, and the list of its processes. */
export interface CgroupCpuCounter {
  file: string;
  unit: "ns" | "usec";
  procs: string;
}

/**
 * The files that may count the CPU time of a process's cgroup, best first: cgroup v1
 * `cpuacct.usage` (nanoseconds; the controller mounted alone or as `cpu,cpuacct`), then cgroup v2
 * `cpu.stat` (`usage_usec`, microseconds) at the unified mount or the hybrid `unified/` mount.
 */
export function cgroupCpuCandidates(
  entries: readonly CgroupEntry[],
  root = "/sys/fs/cgroup",
): CgroupCpuCounter[] {
  const dirs: Array<[string, CgroupCpuCounter["unit"]]> = [];
  const v1 = entries.find((e) => e.controllers.includes("cpuacct"));
  if (v1) {
    const mounts = new Set([v1.controllers.join(","), "cpu,cpuacct", "cpuacct"]);
    for (const mount of mounts) dirs.push([`${root}/${mount}/${v1.path}`, "ns"]);
  }
  const v2 = entries.find((e) => e.hierarchy === "0" && e.controllers.length === 0);
  if (v2) dirs.push([`${root}/${v2.path}`, "usec"], [`${root}/unified/${v2.path}`, "usec"]);
  return dirs.map(([dir, unit]) => ({
    file: clean(`${dir}/${unit === "ns" ? "cpuacct.usage" : "cpu.stat"}`),
    unit,
    procs: clean(`${dir}/cgroup.procs`),
  }));
}

/** Nanoseconds from the text of a counter file; null when it holds no count. */
export function parseCgroupCpu(text: string, unit: CgroupCpuCounter["unit"]): number | null {
  const match = unit === "ns" ? /^\s*(\d+)\s*$/.exec(text) : /^usage_usec (\d+)$/m.exec(text);
  if (!match) return null;
  return unit === "ns" ? Number(match[1]) : Number(match[1]) * 1000;
}

function clean(path: string): string {
  return path.replace(/\/+/g, "/");
}
