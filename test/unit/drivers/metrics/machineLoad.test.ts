import { describe, expect, it } from "vitest";
import {
  formatMachineLoad,
  machineLoadWindow,
  parseLoadavg,
  parseSystemStat,
  type MachineLoadSample,
} from "../../../../src/drivers/metrics/index.js";

/** /proc/stat of a 2-CPU VM (kernel 6.18), the long `intr` line cut short. */
const STAT = `cpu  52696 50 18854 116257 665 0 357 84 0 0
cpu0 25761 38 8153 60161 168 0 109 46 0 0
cpu1 26935 12 10700 56095 497 0 247 37 0 0
intr 922782 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1 0 0
ctxt 2765667
btime 1796562808
processes 81992
procs_running 1
procs_blocked 0
softirq 812333 0 58465 7 312352 134557 0 3 102480 0 204469
`;

/** That file with its counters advanced by hand: user +300, system +100, idle +400, softirq +100, steal +10. */
const STAT_LATER = `cpu  52996 50 18954 116657 665 0 457 94 0 0
cpu0 25911 38 8203 60361 168 0 159 51 0 0
cpu1 27085 12 10750 56295 497 0 297 42 0 0
intr 922982 0 0
ctxt 2766667
`;

/** That file cut to the seven columns of a kernel before 2.6.11, which had no steal. */
const STAT_NO_STEAL = `cpu  52696 50 18854 116257 665 0 357
cpu0 52696 50 18854 116257 665 0 357
`;

describe("parseSystemStat", () => {
  it("reads the aggregate CPU line and counts the online CPUs", () => {
    expect(parseSystemStat(STAT)).toEqual({
      cpus: 2,
      times: {
        user: 52696,
        nice: 50,
        system: 18854,
        idle: 116257,
        iowait: 665,
        irq: 0,
        softirq: 357,
        steal: 84,
      },
    });
  });

  it("has no steal on a kernel that does not report it", () => {
    expect(parseSystemStat(STAT_NO_STEAL)?.times.steal).toBeNull();
    expect(parseSystemStat("cpu  1 2 3 4\ncpu0 1 2 3 4\n")?.times).toMatchObject({
      idle: 4,
      iowait: 0,
      steal: null,
    });
  });

  it("refuses a text without an aggregate cpu line", () => {
    expect(parseSystemStat("cpu0 1 2 3 4\n")).toBeNull();
    expect(parseSystemStat("cpu  1 2 x 4\n")).toBeNull();
  });
});

describe("parseLoadavg", () => {
  it("reads the three load averages of /proc/loadavg", () => {
    expect(parseLoadavg("3.45 1.50 0.96 1/147 17142\n")).toEqual({ load1: 3.45, load5: 1.5, load15: 0.96 });
  });

  it("refuses anything else", () => {
    expect(parseLoadavg("")).toBeNull();
    expect(parseLoadavg("high 1 2 3/4 5")).toBeNull();
  });
});

function sample(text: string, load1: number): MachineLoadSample {
  const stat = parseSystemStat(text);
  if (!stat) throw new Error("bad fixture");
  return { load1, ...stat };
}

describe("machineLoadWindow", () => {
  it("splits the ticks that passed into busy and stolen shares of all CPUs", () => {
    const window = machineLoadWindow(sample(STAT, 3.45), sample(STAT_LATER, 3.9));
    // 910 ticks passed: 500 busy (user, system, softirq), 400 idle, 10 stolen.
    expect(window).toEqual({
      loadStart: 3.45,
      loadEnd: 3.9,
      cpus: 2,
      busyFraction: 500 / 910,
      stealFraction: 10 / 910,
    });
    expect(formatMachineLoad(window)).toBe("load 3.45 -> 3.90 on 2 CPUs, busy 55%, steal 1%");
  });

  it("says steal is not reported when the kernel has no steal column", () => {
    const window = machineLoadWindow(
      sample(STAT_NO_STEAL, 1),
      sample(STAT_NO_STEAL.replace(/116257/g, "116357"), 1),
    );
    expect(window.stealFraction).toBeNull();
    expect(window.busyFraction).toBe(0);
    expect(formatMachineLoad(window)).toBe("load 1.00 -> 1.00 on 1 CPU, busy 0%, steal not reported");
  });

  it("has no shares for a window in which no tick passed", () => {
    const window = machineLoadWindow(sample(STAT, 1), sample(STAT, 1));
    expect(window).toMatchObject({ busyFraction: null, stealFraction: null });
    expect(formatMachineLoad(window)).toContain("busy unknown (empty window)");
  });
});
