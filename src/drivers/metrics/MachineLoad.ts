import { readFileSync } from "node:fs";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import { LocalTarget } from "../../targets/LocalTarget.js";
import type { Target } from "../../targets/Target.js";
import { parseLoadavg } from "./parseLoadavg.js";
import { parseSystemStat, totalTicks, type CpuTimes } from "./parseSystemStat.js";

/** The machine's load at one moment; two of them bracket a window. */
export interface MachineLoadSample {
  /** Load average over the last minute. */
  load1: number;
  /** Online CPUs. */
  cpus: number;
  times: CpuTimes;
}

/** How busy the machine was over a window, for flagging windows that shared it with other work. */
export interface MachineLoadWindow {
  loadStart: number;
  loadEnd: number;
  cpus: number;
  /** Share of all CPUs' time spent running anything (this measurement's own processes included); null for an empty window. */
  busyFraction: number | null;
  /** Share of all CPUs' time stolen by the hypervisor; null when the kernel does not report steal. */
  stealFraction: number | null;
}

/**
 * Reads `/proc/loadavg` and `/proc/stat` of a target: directly on this machine, with one `sh` of
 * builtins elsewhere. `E_MACHINE_LOAD` when they cannot be read or parsed (not Linux).
 */
export async function readMachineLoad(target: Target): Promise<MachineLoadSample> {
  if (target instanceof LocalTarget) {
    let text: string;
    try {
      text = readFileSync("/proc/loadavg", "utf8") + readFileSync("/proc/stat", "utf8");
    } catch (error) {
      throw machineLoadError(target.name, (error as Error).message);
    }
    return machineLoadSample(target.name, text);
  }
  const result = await target.run(["sh", "-c", `${MACHINE_LOAD_FN}machine_load`], { timeoutMs: 30_000 });
  return machineLoadSample(target.name, result.stdout);
}

/**
 * A POSIX sh function: `machine_load` prints the /proc/loadavg line and the `cpu` lines of
 * /proc/stat (the rest of it can be long: one number per interrupt), with builtins only.
 */
export const MACHINE_LOAD_FN = `
machine_load() {
  { read -r ml_l < /proc/loadavg && echo "$ml_l" &&
    while read -r ml_l; do case $ml_l in cpu*) echo "$ml_l" ;; esac; done < /proc/stat; } 2>/dev/null
}
`;

/** The sample in a /proc/loadavg line followed by /proc/stat (or its cpu lines). */
export function machineLoadSample(target: string, text: string): MachineLoadSample {
  const newline = text.indexOf("\n");
  const loadavg = parseLoadavg(text.slice(0, newline));
  const stat = parseSystemStat(text.slice(newline + 1));
  if (!loadavg || !stat)
    throw machineLoadError(target, text.trim() === "" ? "nothing read" : "unexpected contents");
  return { load1: loadavg.load1, cpus: stat.cpus, times: stat.times };
}

/** The window between two samples: the ticks that passed, split into busy, idle and stolen. */
export function machineLoadWindow(start: MachineLoadSample, end: MachineLoadSample): MachineLoadWindow {
  const delta = (field: keyof CpuTimes): number => (end.times[field] ?? 0) - (start.times[field] ?? 0);
  const total = totalTicks(end.times) - totalTicks(start.times);
  const busy = delta("user") + delta("nice") + delta("system") + delta("irq") + delta("softirq");
  const reported = start.times.steal !== null && end.times.steal !== null;
  const share = (ticks: number): number | null =>
    total > 0 ? Math.min(1, Math.max(0, ticks / total)) : null;
  return {
    loadStart: start.load1,
    loadEnd: end.load1,
    cpus: end.cpus,
    busyFraction: share(busy),
    stealFraction: reported ? share(delta("steal")) : null,
  };
}

/** One line for a report: `load 0.52 -> 1.87 on 2 CPUs, busy 93%, steal 0%`. */
export function formatMachineLoad(window: MachineLoadWindow): string {
  const percent = (share: number | null, missing: string): string =>
    share === null ? missing : `${(share * 100).toFixed(0)}%`;
  return [
    `load ${window.loadStart.toFixed(2)} -> ${window.loadEnd.toFixed(2)} on ${window.cpus} CPU${window.cpus === 1 ? "" : "s"}`,
    `busy ${percent(window.busyFraction, "unknown (empty window)")}`,
    `steal ${percent(window.stealFraction, "not reported")}`,
  ].join(", ");
}

function machineLoadError(target: string, detail: string): StagingError {
  return new StagingError(`cannot read the machine load on ${target}`, {
    code: "E_MACHINE_LOAD",
    exitCode: ExitCode.nodeFailed,
    facts: { target, files: "/proc/loadavg, /proc/stat", detail: detail || undefined },
    hint: "the machine load is read from Linux's /proc; the target must be a Linux machine",
  });
}
