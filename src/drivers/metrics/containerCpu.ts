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
 */
export async function containerCpu(target: Target, counter: ContainerCpuCounter): Promise<CpuReading> {
  const { text, procs } = await readCounter(target, counter);
  const ns = parseCgroupCpu(text, counter.unit);
  if (ns === null)
    throw cpuReadError(target.name, `container ${counter.container}`, `no count in ${counter.file}`);
  return { ns, source: "cgroup", pids: procs.split("\n").filter((line) => /^\d+$/.test(line)).length };
}

/** Prints the counter file, a `--` line, then cgroup.procs, with the shell's `read` builtin only. */
const READ_COUNTER_SH = `while read -r l; do echo "$l"; done < "$1" && echo -- && while read -r l; do echo "$l"; done < "$2"`;

async function readCounter(
  target: Target,
  counter: ContainerCpuCounter,
): Promise<{ text: string; procs: string }> {
  const what = `container ${counter.container}`;
  if (target instanceof LocalTarget) {
    try {
      return { text: readFileSync(counter.file, "utf8"), procs: readFileSync(counter.procs, "utf8") };
    } catch (error) {
      throw cpuReadError(target.name, what, `${(error as Error).message} (has the container stopped?)`);
    }
  }
  const result = await target.run(["sh", "-c", READ_COUNTER_SH, "sh", counter.file, counter.procs], {
    timeoutMs: 30_000,
  });
  const [text = "", procs = ""] = result.stdout.split("\n--\n");
  if (result.exitCode !== 0)
    throw cpuReadError(target.name, what, `${result.stderr.trim()} (has the container stopped?)`);
  return { text, procs };
}
