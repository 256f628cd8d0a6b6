import type { CpuReading } from "./CpuReading.js";
import { processGoneError } from "./cpuReadErrors.js";
import { PROCESS_TREE_SH } from "./listProcessTree.js";
import { schedstatNs, statCpuTicks, toCpuReading, type TreeCpu } from "./TreeCpu.js";

/**
 * A POSIX sh function: `tree_cpu PID PROC` prints the CPU of the tree rooted at PID: `s <pid> <ns>`
 * for each thread's schedstat, or, on a kernel without schedstat, `clk <ticks per second>` and
 * `t <pid> <stat fields after the name>` for each process; `gone` when PID is not running. Files
 * are read with the `read` builtin, so it starts no process (but `getconf` once in the fallback).
 */
export const TREE_CPU_FN = `${PROCESS_TREE_SH}
tree_cpu() {
  tc_proc=$2
  [ -d "$tc_proc/$1/task" ] || { echo gone; return 0; }
  if [ -e "$tc_proc/$1/task/$1/schedstat" ]; then
    for tc_q in $(tree "$1" "$tc_proc"); do
      for tc_t in "$tc_proc/$tc_q"/task/*; do
        tc_ns=""; { read -r tc_ns tc_rest < "$tc_t/schedstat"; } 2>/dev/null && echo "s $tc_q $tc_ns"
      done
    done
  else
    echo "clk $(getconf CLK_TCK 2>/dev/null || echo 100)"
    for tc_q in $(tree "$1" "$tc_proc"); do
      tc_line=""; { read -r tc_line < "$tc_proc/$tc_q/stat"; } 2>/dev/null && echo "t $tc_q \${tc_line##*") "}"
    done
  fi
  return 0
}
`;

/** The argv that runs the script for `pid` on a target. */
export function treeCpuArgv(pid: number, proc = "/proc"): string[] {
  return ["sh", "-c", `${TREE_CPU_FN}tree_cpu "$1" "$2"`, "sh", String(pid), proc];
}

/** What the script printed, as a tree reading and clock rate; null when the root was gone. */
export function parseTreeCpuOutput(text: string): { tree: TreeCpu; clockTicks: number } | null {
  let clockTicks = 100;
  let ns = 0;
  let ticks = 0;
  let stat = false;
  const pids = new Set<string>();
  for (const line of text.split("\n")) {
    const [kind, pid, ...rest] = line.trim().split(" ");
    if (kind === "clk" && Number(pid) > 0) clockTicks = Number(pid);
    if (pid === undefined || !/^\d+$/.test(pid)) continue;
    const value =
      kind === "s" ? schedstatNs(rest.join(" ")) : kind === "t" ? statCpuTicks(rest.join(" ")) : null;
    if (value === null) continue;
    pids.add(pid);
    if (kind === "s") ns += value;
    else [ticks, stat] = [ticks + value, true];
  }
  if (pids.size === 0) return null;
  const tree: TreeCpu = stat
    ? { source: "stat", ticks, pids: pids.size }
    : { source: "schedstat", ns, pids: pids.size };
  return { tree, clockTicks };
}

/** The reading in what `tree_cpu` printed for `pid`; `E_CPU_PROCESS_GONE` when `pid` was not running. */
export function treeCpuReading(target: string, pid: number, stdout: string): CpuReading {
  const read = parseTreeCpuOutput(stdout);
  if (read === null) throw processGoneError(target, pid);
  return toCpuReading(read.tree, read.clockTicks);
}
