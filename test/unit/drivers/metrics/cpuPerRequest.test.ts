import { describe, expect, it } from "vitest";
import { cpuPerRequest, type CpuReading } from "../../../../src/drivers/metrics/index.js";

const at = (ns: number, source: CpuReading["source"] = "schedstat"): CpuReading => ({ ns, source, pids: 1 });

describe("cpuPerRequest", () => {
  it("is the CPU seconds used between two readings per request served", () => {
    expect(cpuPerRequest(at(1_000_000_000), at(1_450_000_000), 1500)).toBeCloseTo(0.0003, 12);
  });

  it("is null when no request was served", () => {
    expect(cpuPerRequest(at(0), at(5_000_000), 0)).toBeNull();
  });

  it("is null when the readings come from sources of different resolution", () => {
    expect(cpuPerRequest(at(0, "schedstat"), at(10_000_000, "stat"), 10)).toBeNull();
  });

  it("is null when the counter went back (a restart, or a process that exited with its time)", () => {
    expect(cpuPerRequest(at(9_000_000, "cgroup"), at(1_000, "cgroup"), 10)).toBeNull();
  });
});
