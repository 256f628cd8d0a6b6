import { DockerExec } from "../docker/exec.js";
import { assertContainerRef } from "../docker/names.js";
import type { DockerCliOptions } from "../docker/types.js";
import { lastLines } from "../../fsutil/logTail.js";
import type { Target } from "../../targets/Target.js";
import { assertCpus, formatCpuList } from "./cpuList.js";
import type { PinResult } from "./PinResult.js";

/**
 * Restricts a running container to `cpus` (`docker update --cpuset-cpus`): its cgroup's cpuset, so
 * every process in it, present and future. When docker refuses (a CPU that is not available, no
 * such container, a daemon without cpuset support) the result says why; a docker client or daemon
 * that cannot be reached still throws `E_DOCKER_UNAVAILABLE`.
 */
export async function pinContainer(
  target: Target,
  container: string,
  cpus: readonly number[],
  docker: DockerCliOptions = {},
): Promise<PinResult> {
  const sorted = assertCpus(cpus, "pinContainer");
  if (sorted.length === 0) return { pinned: false, reason: "no CPUs to pin to" };
  const list = formatCpuList(sorted);
  const result = await new DockerExec(target, docker).run([
    "update",
    "--cpuset-cpus",
    list,
    assertContainerRef(container),
  ]);
  if (result.exitCode === 0) return { pinned: true, cpus: sorted };
  const detail = lastLines(result.stderr, 3).replace(/\n/g, " / ") || `exit code ${result.exitCode}`;
  return {
    pinned: false,
    reason: `docker update could not pin container ${container} to CPUs ${list} on ${target.name}: ${detail}`,
  };
}
