import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { onlineCpus } from "../../../../src/drivers/cpu/index.js";
import { machineLoadWindow } from "../../../../src/drivers/metrics/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import { burnerArgv, killBurners, startBurner } from "./cpuBurner.js";
import { readPaths } from "./readPaths.js";

afterEach(killBurners);

/** Clock ticks per second of /proc/stat (USER_HZ); 100 on the kernels this runs on. */
const USER_HZ = 100;

describe.each(readPaths())("readMachineLoad on %s", (_name, path) => {
  it.skipIf(!path)("counts at least the CPU a process burnt during the window as busy", async () => {
    const start = await path!.reader.machineLoad();
    const began = performance.now();
    const { lines } = startBurner(burnerArgv(300));
    const burnt = await lines.nth(0);
    const end = await path!.reader.machineLoad();
    const elapsedS = (performance.now() - began) / 1000;
    const window = machineLoadWindow(start, end);
    expect(window.cpus).toBe((await onlineCpus(new LocalTarget())).length);
    expect(window.loadStart).toBe(start.load1);
    expect(window.loadEnd).toBe(end.load1);
    // Steal is a share (maybe 0) where the kernel has its column (the 8th), else not reported.
    const reportsSteal = /^cpu(\s+\d+){8}/.test(readFileSync("/proc/stat", "utf8"));
    if (reportsSteal) expect(window.stealFraction).toBeGreaterThanOrEqual(0);
    else expect(window.stealFraction).toBeNull();
    // The window's ticks span at most the time between the reads on every CPU, so the burner's
    // share of them is at least its CPU over that; a tick per CPU is allowed for tick accounting.
    const capacityTicks = window.cpus * (elapsedS * USER_HZ + 1);
    const burnerTicks = (burnt.ns / 1e9) * USER_HZ - window.cpus;
    expect(window.busyFraction).toBeGreaterThanOrEqual(burnerTicks / capacityTicks);
    expect(window.busyFraction).toBeLessThanOrEqual(1);
  });
});
