import { assertPid } from "../metrics/cpuReadErrors.js";
import { PROCESS_TREE_SH } from "../metrics/listProcessTree.js";
import type { Target } from "../../targets/Target.js";
import { assertCpus, formatCpuList } from "./cpuList.js";
import type { PinResult } from "./PinResult.js";

/**
 * `sh -c PIN_SH sh CPUS PID tree|one` runs `taskset -a -p -c CPUS` (every thread) on PID and, with
 * `tree`, on each of its descendants. A failure is retried once (a thread that exits during
 * taskset's walk fails it); a process that is gone by then is not a failure. It prints
 * `notaskset`, or a `fail <pid> <message>` line per failure and `pinned <count>`.
 */
const PIN_SH = `${PROCESS_TREE_SH}
command -v taskset >/dev/null 2>&1 || { echo notaskset; exit 0; }
if [ "$3" = tree ]; then pids=$(tree "$2" /proc); else pids=$2; fi
n=0
for q in $pids; do
  [ -d "/proc/$q" ] || continue
  out=$(taskset -a -p -c "$1" "$q" 2>&1 >/dev/null) || out=$(taskset -a -p -c "$1" "$q" 2>&1 >/dev/null) || {
    [ -d "/proc/$q" ] && { printf 'fail %s ' "$q"; printf '%s' "$out" | tr '\\n' ' '; echo; }
  }
  n=$((n+1))
done
echo "pinned $n"
`;

/**
 * Restricts a process, all its threads and all its descendants to `cpus` (`taskset -a -p -c`, one
 * `sh` on the target). Threads and children started later inherit the restriction. When pinning is
 * not possible (no taskset, no permission, a CPU that is not online, the process gone) the result
 * says why instead of throwing; a target that cannot run commands at all still throws.
 */
export async function pinProcessTree(
  target: Target,
  pid: number,
  cpus: readonly number[],
): Promise<PinResult> {
  return pinPids(target, assertPid(pid, "pinProcessTree"), assertCpus(cpus, "pinProcessTree"), "tree");
}

/** Runs the pin script for `pid` alone (`one`) or for its tree. */
export async function pinPids(
  target: Target,
  pid: number,
  cpus: number[],
  scope: "tree" | "one",
): Promise<PinResult> {
  if (cpus.length === 0) return { pinned: false, reason: "no CPUs to pin to" };
  const list = formatCpuList(cpus);
  const result = await target.run(["sh", "-c", PIN_SH, "sh", list, String(pid), scope], {
    timeoutMs: 60_000,
  });
  const lines = result.stdout.split("\n");
  if (lines.includes("notaskset"))
    return { pinned: false, reason: `taskset is not installed on ${target.name} (it comes with util-linux)` };
  const failure = lines.find((line) => line.startsWith("fail "));
  if (failure !== undefined) {
    const [, failedPid, ...message] = failure.split(" ");
    return {
      pinned: false,
      reason: `taskset could not pin process ${failedPid} to CPUs ${list} on ${target.name}: ${message.join(" ").trim()}`,
    };
  }
  const count = Number(/^pinned (\d+)$/m.exec(result.stdout)?.[1] ?? 0);
  if (result.exitCode !== 0 || count === 0) {
    const detail = result.exitCode !== 0 ? `: ${result.stderr.trim()}` : "";
    return { pinned: false, reason: `process ${pid} is not running on ${target.name}${detail}` };
  }
  return { pinned: true, cpus };
}
