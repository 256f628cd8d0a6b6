import { existsSync, readdirSync } from "node:fs";
import { listProcessTree, readText } from "./listProcessTree.js";
import { schedstatNs, statCpuTicks, type TreeCpu } from "./TreeCpu.js";

/**
 * The CPU of a process tree on this machine, read from `proc` with no process started: the
 * `schedstat` of every thread of every process, or, on a kernel without schedstat, each process's
 * stat ticks. A process or thread that exits between the listing and its read is left out.
 * Null when `rootPid` is not running.
 */
export function readTreeCpuLocal(rootPid: number, proc = "/proc"): TreeCpu | null {
  if (!existsSync(`${proc}/${rootPid}/task`)) return null;
  const schedstat = existsSync(`${proc}/${rootPid}/task/${rootPid}/schedstat`);
  let total = 0;
  let pids = 0;
  for (const pid of listProcessTree(rootPid, proc)) {
    const value = schedstat ? threadsNs(proc, pid) : statCpuTicks(readText(`${proc}/${pid}/stat`));
    if (value === null) continue;
    total += value;
    pids += 1;
  }
  if (pids === 0) return null;
  return schedstat ? { source: "schedstat", ns: total, pids } : { source: "stat", ticks: total, pids };
}

/** The sum over a process's live threads, or null when none could be read (it exited). */
function threadsNs(proc: string, pid: number): number | null {
  let tids: string[];
  try {
    tids = readdirSync(`${proc}/${pid}/task`);
  } catch {
    return null;
  }
  let sum: number | null = null;
  for (const tid of tids) {
    const ns = schedstatNs(readText(`${proc}/${pid}/task/${tid}/schedstat`));
    if (ns !== null) sum = (sum ?? 0) + ns;
  }
  return sum;
}
