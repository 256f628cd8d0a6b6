import { beforeAll, describe, expect, it } from "vitest";
import type { EndpointLoad, LoadResult } from "../../../../src/drivers/load/index.js";
import { EndpointRecorder } from "../../../../src/drivers/load/EndpointRecorder.js";
import { loadModules } from "../../../../src/drivers/load/loadModules.js";
import { LatencyRecorder } from "../../../../src/drivers/load/LatencyRecorder.js";
import { mergeLoadResults } from "../../../../src/drivers/load/mergeLoadResults.js";

/** A window of 1 s: word-stats answers in `ws` ms each, json-transform in `jt` ms, `lost` json-transform requests lost. */
function window(ws: number[], jt: number[], lost = 0): LoadResult {
  const whole = new LatencyRecorder(10e6);
  const endpoints = new EndpointRecorder(["word-stats", "json-transform"], 10e6);
  for (const ms of ws) {
    whole.recordMs(ms);
    endpoints.response("word-stats", ms, true);
  }
  for (const ms of jt) {
    whole.recordMs(ms);
    endpoints.response("json-transform", ms, true);
  }
  endpoints.lost("json-transform", lost);
  const completed = ws.length + jt.length;
  const result: LoadResult = {
    driver: "autocannon",
    latencyUs: whole.summary(),
    histogram: whole.encode(),
    statusCounts: { "200": completed },
    errors: { timeout: lost },
    requests: { completed, failed: lost, notSent: 0 },
    throughput: completed,
    windowS: 1,
    failRate: lost / (completed + lost),
    endpoints: endpoints.results(1),
    responseMismatches: 0,
    responsesChecked: 0,
    invalidReasons: [],
    unavailable: {},
  };
  whole.destroy();
  endpoints.destroy();
  return result;
}

describe("figures per request name", () => {
  beforeAll(async () => {
    await loadModules();
  });

  it("are recorded beside the whole: each response under its name, each loss too", () => {
    const w = window([1, 2, 3], [10], 1);
    expect(w.endpoints["word-stats"]).toMatchObject({ completed: 3, failed: 0, throughput: 3, failRate: 0 });
    expect(w.endpoints["word-stats"]!.latencyUs).toMatchObject({ p50: 2000, count: 3 });
    expect(w.endpoints["json-transform"]).toMatchObject({ completed: 1, failed: 1, failRate: 0.5 });
  });

  it("report every name of the benchmark, with no latency where none of its requests ran", () => {
    const w = window([1], []);
    expect(w.endpoints["json-transform"]).toEqual({
      latencyUs: { p50: null, p90: null, p95: null, p99: null, max: null, mean: null, count: 0 },
      histogram: null,
      completed: 0,
      failed: 0,
      throughput: 0,
      failRate: null,
    });
  });

  it("are merged over the windows as the whole is: histograms added, counts summed, rates over the summed time", async () => {
    const merged = await mergeLoadResults([
      window([0.1, 0.2, 0.3], [1], 1),
      window([0.4, 0.5], [1.2, 1.5]),
      window([0.6], []),
    ]);
    const ws = merged.endpoints["word-stats"]!;
    expect(ws).toMatchObject({ completed: 6, failed: 0, throughput: 2, failRate: 0 });
    expect(ws.latencyUs).toMatchObject({ p50: 300, max: 600, count: 6 });
    expect(ws.histogram).not.toBeNull();
    const jt = merged.endpoints["json-transform"]!;
    expect(jt).toMatchObject({ completed: 3, failed: 1, throughput: 1, failRate: 0.25 });
    expect(jt.latencyUs).toMatchObject({ p50: 1200, max: 1500, count: 3 });
    expect(merged.requests).toEqual({ completed: 9, failed: 1, notSent: 0 });
  });

  it("leave a name's counts unknown where a window has no figures for it, and fall back to the worse percentiles", async () => {
    const a = window([0.1, 0.2], [0.5]);
    const b = window([0.3], [0.7]);
    const noHistogram = (e: EndpointLoad): EndpointLoad => ({ ...e, histogram: null });
    const k6Like: LoadResult = {
      ...b,
      endpoints: { "word-stats": noHistogram(b.endpoints["word-stats"]!) },
    };
    const merged = await mergeLoadResults([a, k6Like]);
    expect(merged.endpoints["json-transform"]).toMatchObject({
      completed: null,
      failed: null,
      throughput: null,
    });
    const ws = merged.endpoints["word-stats"]!;
    expect(ws.histogram).toBeNull();
    expect(ws.latencyUs.p50).toBe(300);
    expect(ws.completed).toBe(3);
  });
});
