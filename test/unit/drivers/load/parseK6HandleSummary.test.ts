import { beforeAll, describe, expect, it } from "vitest";
import type { K6SummaryFields } from "../../../../src/drivers/load/index.js";
import { parseK6HandleSummary } from "../../../../src/drivers/load/index.js";
import {
  expectMissingHttpMetrics,
  hasSharedK6Fixtures,
  ownK6Fixture,
  sharedK6Fixture,
} from "./k6Fixtures.js";

describe.runIf(hasSharedK6Fixtures)("parseK6HandleSummary on the recorded k6 0.4x data", () => {
  // Read lazily: a skipped describe still runs its body while collecting.
  let fields: K6SummaryFields;
  beforeAll(() => {
    fields = parseK6HandleSummary(sharedK6Fixture("handle-summary-v0.json"));
  });

  it("reads http_req_duration values in microseconds; p(99) is null, naming the trend stats", () => {
    expect(fields.latencyUs).toEqual({
      p50: 634.9,
      p90: 674.2,
      p95: 1044.1,
      p99: null,
      max: 1578.9,
      mean: 549.394,
      count: 100,
    });
    expect(fields.unavailable["latencyUs.p99"]).toContain(
      "summaryTrendStats: avg, min, med, max, p(90), p(95)",
    );
  });

  it("reads values.rate/passes/fails, http_reqs and state.testRunDurationMs", () => {
    expect(fields.requests).toEqual({ completed: 100, failed: 0, notSent: 0 });
    expect(fields.failRate).toBe(0);
    expect(fields.throughput).toBeCloseTo(9.986366113663323, 9);
    expect(fields.windowS).toBeCloseTo(10.0136525, 9);
    expect(fields.invalidReasons).toEqual([]);
  });
});

describe("parseK6HandleSummary on hand-written files", () => {
  it("reads p(99), failed requests and { ok: false } thresholds", () => {
    const fields = parseK6HandleSummary(ownK6Fixture("handle-summary-p99-failed.json"));
    expect(fields.latencyUs.p99).toBe(702334.15);
    expect(fields.requests).toEqual({ completed: 975, failed: 25, notSent: 40 });
    expect(fields.failRate).toBe(0.025);
    expect(fields.windowS).toBeCloseTo(10.01302, 9);
    expect(fields.thresholds.filter((t) => t.failed).map((t) => t.name)).toEqual([
      "http_req_duration p(95)<200",
      "http_req_failed rate<0.01",
    ]);
    expect(fields.invalidReasons).toHaveLength(2);
  });

  it("gives null with a reason for missing metrics, never 0", () => {
    const fields = parseK6HandleSummary(ownK6Fixture("handle-summary-missing-metrics.json"));
    expectMissingHttpMetrics(fields, "handle-summary");
    expect(fields.windowS).toBeCloseTo(3.0075, 9);
  });

  it.each([
    ["a --summary-export file", ownK6Fixture("summary-export-p99-failed.json")],
    [
      "a threshold without ok",
      '{"metrics":{"http_reqs":{"type":"counter","values":{"count":1},"thresholds":{"count>0":true}}}}',
    ],
  ])("refuses %s with E_K6_SUMMARY", (_case, text) => {
    expect(() => parseK6HandleSummary(text)).toThrow(expect.objectContaining({ code: "E_K6_SUMMARY" }));
  });
});
