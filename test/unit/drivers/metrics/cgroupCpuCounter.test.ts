import { describe, expect, it } from "vitest";
import { parseProcCgroup } from "../../../../src/drivers/docker/index.js";
import { cgroupCpuCandidates, parseCgroupCpu } from "../../../../src/drivers/metrics/index.js";

const ID = "2b9cb297c1164643f1a6915c2a0b1d257cbcb3cbb4c67c0f4d5fc972b2b63c14";

/** /proc/<pid>/cgroup of a container's process on this machine: cgroup v1 controllers beside an empty v2 hierarchy. */
const HYBRID = `9:name=systemd:/docker/${ID}
8:pids:/docker/${ID}
4:memory:/docker/${ID}
3:cpuset:/docker/${ID}
2:cpuacct:/docker/${ID}
1:cpu:/docker/${ID}
0::/docker/${ID}
`;

/** The same on a cgroup v2 host with the systemd driver. */
const UNIFIED = `0::/system.slice/docker-${ID}.scope\n`;

describe("cgroupCpuCandidates", () => {
  it("prefers the nanosecond counter of cgroup v1 cpuacct, then the v2 cpu.stat", () => {
    expect(cgroupCpuCandidates(parseProcCgroup(HYBRID)).map((c) => [c.file, c.unit])).toEqual([
      [`/sys/fs/cgroup/cpuacct/docker/${ID}/cpuacct.usage`, "ns"],
      [`/sys/fs/cgroup/cpu,cpuacct/docker/${ID}/cpuacct.usage`, "ns"],
      [`/sys/fs/cgroup/docker/${ID}/cpu.stat`, "usec"],
      [`/sys/fs/cgroup/unified/docker/${ID}/cpu.stat`, "usec"],
    ]);
  });

  it("finds the v1 counter where cpu and cpuacct are mounted together", () => {
    const together = `4:cpu,cpuacct:/docker/${ID}\n`;
    expect(cgroupCpuCandidates(parseProcCgroup(together))[0]?.file).toBe(
      `/sys/fs/cgroup/cpu,cpuacct/docker/${ID}/cpuacct.usage`,
    );
  });

  it("reads cpu.stat and lists the cgroup's processes on a cgroup v2 host", () => {
    const [only, ...rest] = cgroupCpuCandidates(parseProcCgroup(UNIFIED));
    expect(only).toEqual({
      file: `/sys/fs/cgroup/system.slice/docker-${ID}.scope/cpu.stat`,
      unit: "usec",
      procs: `/sys/fs/cgroup/system.slice/docker-${ID}.scope/cgroup.procs`,
    });
    expect(rest.map((c) => c.file)).toEqual([
      `/sys/fs/cgroup/unified/system.slice/docker-${ID}.scope/cpu.stat`,
    ]);
  });
});

describe("parseCgroupCpu", () => {
  it("reads cpuacct.usage as nanoseconds", () => {
    expect(parseCgroupCpu("43754101\n", "ns")).toBe(43_754_101);
  });

  it("reads usage_usec of cpu.stat as microseconds", () => {
    const stat = "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\nnr_periods 0\n";
    expect(parseCgroupCpu(stat, "usec")).toBe(1_234_567_000);
  });

  it("is null for a file without a count", () => {
    expect(parseCgroupCpu("", "ns")).toBeNull();
    expect(parseCgroupCpu("user_usec 1\n", "usec")).toBeNull();
  });
});
