import { readFileSync } from "node:fs";
import { DockerExec, isNotFound } from "../docker/exec.js";
import { parseProcCgroup } from "../docker/memoryPeak.js";
import { assertContainerRef } from "../docker/names.js";
import type { DockerCliOptions } from "../docker/types.js";
import { LocalTarget } from "../../targets/LocalTarget.js";
import type { Target } from "../../targets/Target.js";
import { cgroupCpuCandidates, parseCgroupCpu, type CgroupCpuCounter } from "./cgroupCpuCounter.js";
import type { CpuReading } from "./CpuReading.js";
import { cpuReadError } from "./cpuReadErrors.js";

/** Where a running container's CPU time is counted on its target. Found once per deployment. */
export interface ContainerCpuCounter extends CgroupCpuCounter {
  container: string;
}

/**
 * Finds the cgroup CPU counter of a running container: its init process's pid from
 * `docker inspect`, the cgroup from `/proc/<pid>/cgroup` on the target, then the first readable
 * counter (v1 `cpuacct.usage` in ns, else v2 `cpu.stat` in µs). `E_CPU_READ` when the container is
 * not running or no counter can be read.
 */
export async function findContainerCpu(
  target: Target,
  container: string,
  docker: DockerCliOptions = {},
): Promise<ContainerCpuCounter> {
  const exec = new DockerExec(target, docker);
  const args = [
    "inspect",
    "--type",
    "container",
    "--format",
    "{{.State.Pid}}",
    assertContainerRef(container),
  ];
  const inspect = await exec.run(args);
  if (isNotFound(inspect)) throw cpuReadError(target.name, `container ${container}`, "no such container");
  if (inspect.exitCode !== 0) throw exec.failed(args, inspect);
  const pid = Number(inspect.stdout.trim());
  if (!Number.isInteger(pid) || pid <= 0)
    throw cpuReadError(target.name, `container ${container}`, "the container is not running");
  const cgroup = await target.run(["cat", `/proc/${pid}/cgroup`]);
  const candidates = cgroupCpuCandidates(parseProcCgroup(cgroup.stdout));
  for (const candidate of candidates) {
    const read = await target.run(["cat", "--", candidate.file]);
    if (read.exitCode === 0 && parseCgroupCpu(read.stdout, candidate.unit) !== null)
      return { container, ...candidate };
  }
  const tried = candidates.map((c) => c.file).join(", ") || `no cgroup in /proc/${pid}/cgroup`;
  throw cpuReadError(target.name, `container ${container}`, `no CPU counter readable; tried ${tried}`);
}

/**
 * Reads the CPU time of a container's cgroup so far (every process in it, exited ones included).
 * On this machine the files are read directly; elsewhere one `sh` of builtins runs per read.
 * `E_CPU_READ` once the container has stopped (its cgroup is gone).
 */
export async function containerCpu(target: Target, counter: ContainerCpuCounter): Promise<CpuReading> {
  if (target instanceof LocalTarget) {
    let text: string;
    try {
      text = `${readFileSync(counter.file, "utf8")}--\n${readFileSync(counter.procs, "utf8")}`;
    } catch {
      text = "unreadable\n";
    }
    return containerCpuReading(target.name, counter, text);
  }
  const script = `${CGROUP_CPU_FN}cgroup_cpu "$1" "$2"`;
  const result = await target.run(["sh", "-c", script, "sh", counter.file, counter.procs], {
    timeoutMs: 30_000,
  });
  return containerCpuReading(target.name, counter, result.stdout);
}

/**
 * A POSIX sh function: `cgroup_cpu FILE PROCS` prints the counter file, a `--` line and the
 * cgroup's process list, with the `read` builtin only; `unreadable` when a file cannot be read.
 */
export const CGROUP_CPU_FN = `
cgroup_cpu() {
  { while read -r cc_l; do echo "$cc_l"; done < "$1" && echo -- &&
    while read -r cc_l; do echo "$cc_l"; done < "$2"; } 2>/dev/null || echo unreadable
}
`;

/** The reading in what `cgroup_cpu` printed; `E_CPU_READ` when the files could not be read. */
export function containerCpuReading(
  target: string,
  counter: ContainerCpuCounter,
  stdout: string,
): CpuReading {
  const what = `container ${counter.container}`;
  const [text = "", procs = ""] = stdout.split("--\n");
  const ns = parseCgroupCpu(text, counter.unit);
  if (stdout.includes("unreadable\n") || ns === null)
    throw cpuReadError(target, what, `cannot read ${counter.file}: has the container stopped?`);
  return { ns, source: "cgroup", pids: procs.split("\n").filter((line) => /^\d+$/.test(line)).length };
}
