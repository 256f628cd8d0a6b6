import { PROCESS_TREE_SH } from "./listProcessTree.js";
import { schedstatNs, statCpuTicks, type TreeCpu } from "./TreeCpu.js";

/**
 * `sh -c TREE_CPU_SH sh PID PROC` prints the CPU of the tree rooted at PID: `s <pid> <ns>` for each
 * thread's schedstat, or, on a kernel without schedstat, `clk <ticks per second>` and
 * `t <pid> <stat fields after the name>` for each process; `gone` when PID is not running. Files
 * are read with the `read` builtin, so the only process started is the shell (and `getconf` once
 * in the stat fallback).
 */
export const TREE_CPU_SH = `${PROCESS_TREE_SH}
proc=$2
[ -d "$proc/$1/task" ] || { echo gone; exit 0; }
if [ -e "$proc/$1/task/$1/schedstat" ]; then
  for q in $(tree "$1" "$proc"); do
    for t in "$proc/$q"/task/*; do
      ns=""; { read -r ns rest < "$t/schedstat"; } 2>/dev/null && echo "s $q $ns"
    done
  done
else
  echo "clk $(getconf CLK_TCK 2>/dev/null || echo 100)"
  for q in $(tree "$1" "$proc"); do
    line=""; { read -r line < "$proc/$q/stat"; } 2>/dev/null && echo "t $q \${line##*") "}"
  done
fi
exit 0
`;

/** The argv that runs the script for `pid` on a target. */
export function treeCpuArgv(pid: number, proc = "/proc"): string[] {
  return ["sh", "-c", TREE_CPU_SH, "sh", String(pid), proc];
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
