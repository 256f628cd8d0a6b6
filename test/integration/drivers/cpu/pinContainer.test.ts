import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { onlineCpus, parseCpuList, pinContainer } from "../../../../src/drivers/cpu/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import type { Target } from "../../../../src/targets/Target.js";
import {
  NODE_BASE_IMAGE,
  TEST_LABEL,
  dockerAvailable,
  dockerImageExists,
  removeTestContainers,
  testRunId,
} from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { sshd, sshTarget } from "../../targets/ssh/sshFixture.js";
import { killBurners, startBurnerContainer } from "../metrics/cpuBurner.js";
import { threadCpus } from "./threadCpus.js";

const ready =
  requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)") &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);

const run = testRunId();
afterEach(() => {
  killBurners();
  removeTestContainers(run);
});

const ssh = sshd ? sshTarget(sshd) : undefined;
afterAll(() => ssh?.close());
const targets: Array<[string, Target | undefined]> = [
  ["this machine", new LocalTarget()],
  ["an SSH target", ssh],
];

/** What docker and the kernel say a container may run on: its cpuset setting, its cgroup's and its process's. */
function containerCpus(id: string): { setting: string; cgroup: number[] | null; process: number[] | null } {
  const inspect = spawnSync(
    "docker",
    ["inspect", "--format", "{{.HostConfig.CpusetCpus}} {{.State.Pid}}", id],
    {
      encoding: "utf8",
    },
  );
  const [setting = "", pid = ""] = inspect.stdout.trim().split(" ");
  const cgroups = readFileSync(`/proc/${pid}/cgroup`, "utf8");
  const v1 = /^\d+:cpuset:(.*)$/m.exec(cgroups)?.[1];
  const v2 = /^0::(.*)$/m.exec(cgroups)?.[1];
  const cgroupFile =
    v1 !== undefined ? `/sys/fs/cgroup/cpuset${v1}/cpuset.cpus` : `/sys/fs/cgroup${v2}/cpuset.cpus`;
  const cgroup = parseCpuList(readFileSync(cgroupFile, "utf8"));
  const threads = [...threadCpus(Number(pid)).values()];
  const process = threads.every((cpus) => JSON.stringify(cpus) === JSON.stringify(threads[0]))
    ? threads[0]!
    : null;
  return { setting, cgroup, process };
}

describe.skipIf(!ready).each(targets)("pinContainer on %s", (_name, target) => {
  it.skipIf(!target)("restricts the container's cgroup and every thread of its process", async () => {
    const burner = startBurnerContainer(NODE_BASE_IMAGE, { [TEST_LABEL]: run }, 1);
    await burner.lines.nth(0);
    const last = (await onlineCpus(target!)).at(-1)!;
    expect(await pinContainer(target!, burner.id, [last])).toEqual({ pinned: true, cpus: [last] });
    expect(containerCpus(burner.id)).toEqual({ setting: String(last), cgroup: [last], process: [last] });
  });

  it.skipIf(!target)("says why when a CPU does not exist", async () => {
    const burner = startBurnerContainer(NODE_BASE_IMAGE, { [TEST_LABEL]: run }, 1);
    await burner.lines.nth(0);
    const result = await pinContainer(target!, burner.id, [1023]);
    expect(result).toEqual({
      pinned: false,
      reason: expect.stringMatching(
        new RegExp(`^docker update could not pin container ${burner.id} to CPUs 1023 on ${target!.name}: .+`),
      ) as string,
    });
  });
});
