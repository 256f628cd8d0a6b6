import hdr from "hdr-histogram-js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModules } from "../../../../src/drivers/load/loadModules.js";
import { LatencyRecorder } from "../../../../src/drivers/load/LatencyRecorder.js";

describe("LatencyRecorder", () => {
  beforeAll(async () => {
    await loadModules();
  });

  it("keeps microsecond resolution below a millisecond and an exact mean and max", () => {
    const recorder = new LatencyRecorder(10e6);
    for (const ms of [0.25, 0.5, 0.75, 1.2345]) recorder.recordMs(ms);
    expect(recorder.summary()).toEqual({
      p50: 500,
      p90: 1235,
      p95: 1235,
      p99: 1235,
      max: 1234.5,
      mean: 683.625,
      count: 4,
    });
    const decoded = hdr.decodeFromCompressedBase64(recorder.encode()!.encoded);
    expect(decoded.totalCount).toBe(4);
    expect(decoded.getValueAtPercentile(25)).toBe(250);
    recorder.destroy();
  });

  it("reports nothing rather than zeros when empty", () => {
    const recorder = new LatencyRecorder(1e6);
    expect(recorder.summary()).toEqual({
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      max: null,
      mean: null,
      count: 0,
    });
    expect(recorder.encode()).toBeNull();
  });
});
