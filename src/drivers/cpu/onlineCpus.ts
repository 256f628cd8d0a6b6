import { readFileSync } from "node:fs";
import { ExitCode, StagingError } from "../../errors/StagingError.js";
import { LocalTarget } from "../../targets/LocalTarget.js";
import type { Target } from "../../targets/Target.js";
import { parseCpuList } from "./cpuList.js";

const ONLINE = "/sys/devices/system/cpu/online";

/** Prints the online list, `--`, then the shell's own Cpus_allowed_list line (builtins after `cat`). */
const ONLINE_SH = `cat ${ONLINE} 2>/dev/null; echo --; while read -r l; do case $l in Cpus_allowed_list*) echo "$l" ;; esac; done < /proc/self/status`;

/**
 * The CPUs this measurement may use on a target: the online CPUs that a process started there is
 * allowed to run on (`Cpus_allowed_list`, which reflects a cpuset cgroup or a `taskset` around the
 * session). On this machine that is this process's own list, so ask before `pinThisProcess`.
 * `E_CPU_LIST` when neither file can be read (not Linux).
 */
export async function onlineCpus(target: Target): Promise<number[]> {
  let online: string;
  let status: string;
  if (target instanceof LocalTarget) {
    online = readOr(ONLINE);
    status = readOr("/proc/self/status");
  } else {
    const result = await target.run(["sh", "-c", ONLINE_SH], { timeoutMs: 30_000 });
    [online = "", status = ""] = result.stdout.split("--\n");
  }
  const up = parseCpuList(online);
  const allowed = parseCpuList(/^Cpus_allowed_list:\s*(.*)$/m.exec(status)?.[1] ?? "");
  const known = [up, allowed].filter((list): list is number[] => list !== null && list.length > 0);
  if (known.length === 0) {
    throw new StagingError(`cannot tell which CPUs are online on ${target.name}`, {
      code: "E_CPU_LIST",
      exitCode: ExitCode.nodeFailed,
      facts: { target: target.name, files: `${ONLINE}, /proc/self/status` },
      hint: "CPU lists are read from Linux's /sys and /proc; the target must be a Linux machine",
    });
  }
  return known.reduce((a, b) => a.filter((cpu) => b.includes(cpu)));
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
