import { spawnSync } from "node:child_process";
import { LocalTarget } from "../../targets/LocalTarget.js";
import type { Target } from "../../targets/Target.js";
import type { CpuReading } from "./CpuReading.js";
import { assertPid, cpuReadError, processGoneError } from "./cpuReadErrors.js";
import { readTreeCpuLocal } from "./readTreeCpuLocal.js";
import { toCpuReading } from "./TreeCpu.js";
import { treeCpuArgv, treeCpuReading } from "./treeCpuScript.js";

/**
 * CPU time used so far by a process and all its descendants, each summed over its threads: from
 * per-thread `schedstat` (nanoseconds), or on a kernel without it from `/proc/<pid>/stat` ticks
 * (utime+stime plus reaped children's cutime+cstime), as `source` says. On this machine /proc is
 * read directly, no process started; on any other target one `sh` script runs per read.
 *
 * `schedstat` counts live threads only: a thread or child that exits during a window takes its
 * time with it (the `stat` source keeps exited threads and reaped children, at 10 ms resolution).
 * A process that exits during the read is left out; `E_CPU_PROCESS_GONE` when `pid` itself is not
 * running.
 */
export async function processTreeCpu(target: Target, pid: number): Promise<CpuReading> {
  assertPid(pid, "processTreeCpu");
  if (target instanceof LocalTarget) {
    const tree = readTreeCpuLocal(pid);
    if (tree === null) throw processGoneError(target.name, pid);
    return toCpuReading(tree, tree.source === "stat" ? localClockTicks() : 1);
  }
  const result = await target.run(treeCpuArgv(pid), { timeoutMs: 30_000 });
  if (result.exitCode !== 0)
    throw cpuReadError(
      target.name,
      `process ${pid}`,
      `sh exited with code ${result.exitCode}\n${result.stderr}`,
    );
  return treeCpuReading(target.name, pid, result.stdout);
}

let clockTicks: number | undefined;

/** USER_HZ of this machine (`getconf CLK_TCK`), asked once; 100 when getconf cannot say. */
function localClockTicks(): number {
  if (clockTicks === undefined) {
    const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5_000 }).stdout;
    const value = Number((out ?? "").trim());
    clockTicks = Number.isInteger(value) && value > 0 ? value : 100;
  }
  return clockTicks;
}
