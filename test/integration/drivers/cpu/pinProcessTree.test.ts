import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { onlineCpus, pinProcessTree, pinThisProcess } from "../../../../src/drivers/cpu/index.js";
import { listProcessTree } from "../../../../src/drivers/metrics/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import type { Target } from "../../../../src/targets/Target.js";
import { sshd, sshTarget } from "../../targets/ssh/sshFixture.js";
import { burnerArgv, killBurners, shellAbove, startBurner } from "../metrics/cpuBurner.js";
import { onlineHere, threadCpus } from "./threadCpus.js";

afterEach(killBurners);

const ssh = sshd ? sshTarget(sshd) : undefined;
afterAll(() => ssh?.close());
const targets: Array<[string, Target | undefined]> = [
  ["this machine", new LocalTarget()],
  ["an SSH target", ssh],
];

describe.each(targets)("pinning on %s", (_name, target) => {
  it.skipIf(!target)("lists the online CPUs a process started there may use", async () => {
    expect(await onlineCpus(target!)).toEqual(onlineHere());
  });

  it.skipIf(!target)("pins every thread of a process and of its descendants", async () => {
    const { child, lines } = startBurner(shellAbove(shellAbove(burnerArgv(1))));
    const burner = await lines.nth(0);
    const cpus = await onlineCpus(target!);
    for (const set of [[cpus.at(-1)!], cpus]) {
      expect(await pinProcessTree(target!, child.pid!, set)).toEqual({ pinned: true, cpus: set });
      const pids = listProcessTree(child.pid!);
      expect(pids).toHaveLength(3);
      expect(pids).toContain(burner.pid);
      const threads = pids.flatMap((pid) => [...threadCpus(pid).values()]);
      expect(threads.length).toBeGreaterThan(3);
      for (const allowed of threads) expect(allowed).toEqual(set);
    }
  });

  it.skipIf(!target)("says why when a CPU does not exist", async () => {
    const { child, lines } = startBurner(burnerArgv(1));
    await lines.nth(0);
    const result = await pinProcessTree(target!, child.pid!, [1023]);
    expect(result).toEqual({
      pinned: false,
      reason: expect.stringMatching(
        new RegExp(
          `^taskset could not pin process ${child.pid} to CPUs 1023 on ${target!.name}: .*Invalid argument`,
        ),
      ) as string,
    });
  });

  it.skipIf(!target)("says why when the process is not running", async () => {
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(gone, "exit");
    expect(await pinProcessTree(target!, gone.pid!, [0])).toEqual({
      pinned: false,
      reason: `process ${gone.pid} is not running on ${target!.name}`,
    });
  });

  it.skipIf(!target)("pins nothing when given no CPUs", async () => {
    expect(await pinProcessTree(target!, process.pid, [])).toEqual({
      pinned: false,
      reason: "no CPUs to pin to",
    });
  });
});

describe("pinThisProcess", () => {
  it("pins every thread of this process, and can give them all CPUs back", async () => {
    const all = await onlineCpus(new LocalTarget());
    try {
      expect(await pinThisProcess([all.at(-1)!])).toEqual({ pinned: true, cpus: [all.at(-1)] });
      const threads = threadCpus(process.pid);
      expect(threads.size).toBeGreaterThan(1);
      for (const allowed of threads.values()) expect(allowed).toEqual([all.at(-1)]);
    } finally {
      expect(await pinThisProcess(all)).toEqual({ pinned: true, cpus: all });
    }
    for (const allowed of threadCpus(process.pid).values()) expect(allowed).toEqual(all);
  });
});
