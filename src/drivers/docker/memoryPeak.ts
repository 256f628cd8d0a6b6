import type { DockerExec } from "./exec.js";
import { isNotFound } from "./exec.js";
import { assertContainerRef } from "./names.js";
import type { MemoryPeak } from "./types.js";

/** One line of `/proc/<pid>/cgroup`: `hierarchy-id:controllers:path`. */
export interface CgroupEntry {
  hierarchy: string;
  controllers: string[];
  path: string;
}

export function parseProcCgroup(text: string): CgroupEntry[] {
  const entries: CgroupEntry[] = [];
  for (const line of text.split("\n")) {
    const first = line.indexOf(":");
    const second = line.indexOf(":", first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    entries.push({
      hierarchy: line.slice(0, first),
      controllers: controllers === "" ? [] : controllers.split(","),
      path: line.slice(second + 1).trim(),
    });
  }
  return entries;
}

/**
 * Files that may hold the peak memory of a process's cgroup, best first: cgroup v2 `memory.peak`
 * (kernel >= 5.19) at the unified mount or the hybrid `unified/` mount, then cgroup v1
 * `memory.max_usage_in_bytes`. Both count page cache as well as anonymous memory.
 */
export function peakCandidates(entries: readonly CgroupEntry[], root = "/sys/fs/cgroup"): string[] {
  const files: string[] = [];
  const join = (...parts: string[]): string => parts.join("/").replace(/\/+/g, "/");
  const v2 = entries.find((e) => e.hierarchy === "0" && e.controllers.length === 0);
  if (v2) files.push(join(root, v2.path, "memory.peak"), join(root, "unified", v2.path, "memory.peak"));
  const v1 = entries.find((e) => e.controllers.includes("memory"));
  if (v1) files.push(join(root, "memory", v1.path, "memory.max_usage_in_bytes"));
  return files;
}

/**
 * The peak memory of a running container's cgroup, read on the target: the container's pid from
 * `docker inspect`, its cgroup from `/proc/<pid>/cgroup`, then the first readable peak file.
 * Files are read with `cat`, which works for /proc and /sys over SSH too.
 */
export async function readMemoryPeak(exec: DockerExec, container: string): Promise<MemoryPeak> {
  assertContainerRef(container);
  const inspect = await exec.run(["inspect", "--type", "container", "--format", "{{.State.Pid}}", container]);
  if (isNotFound(inspect)) return { bytes: null, reason: `no container ${container} on ${exec.target.name}` };
  if (inspect.exitCode !== 0) throw exec.failed(["inspect", container], inspect);
  const pid = Number(inspect.stdout.trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    return { bytes: null, reason: `container ${container} is not running, so its cgroup is gone` };
  }
  const cgroup = await exec.target.run(["cat", `/proc/${pid}/cgroup`]);
  if (cgroup.exitCode !== 0) {
    return {
      bytes: null,
      reason: `cannot read /proc/${pid}/cgroup on ${exec.target.name}: ${cgroup.stderr.trim()}`,
    };
  }
  const candidates = peakCandidates(parseProcCgroup(cgroup.stdout));
  if (candidates.length === 0) return { bytes: null, reason: `no memory cgroup in /proc/${pid}/cgroup` };
  for (const file of candidates) {
    const read = await exec.target.run(["cat", file]);
    const text = read.stdout.trim();
    if (read.exitCode === 0 && /^\d+$/.test(text)) return { bytes: Number(text), source: file };
  }
  return {
    bytes: null,
    reason: `no peak memory file readable on ${exec.target.name} (kernel without cgroup v2 memory.peak or v1 memory controller); tried ${candidates.join(", ")}`,
  };
}
