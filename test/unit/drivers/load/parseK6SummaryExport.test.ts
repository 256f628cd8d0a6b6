import { beforeAll, describe, expect, it } from "vitest";
import type { K6SummaryFields } from "../../../../src/drivers/load/index.js";
import { parseK6HandleSummary, parseK6SummaryExport } from "../../../../src/drivers/load/index.js";
import {
  expectMissingHttpMetrics,
  hasSharedK6Fixtures,
  ownK6Fixture,
  sharedK6Fixture,
} from "./k6Fixtures.js";

describe.runIf(hasSharedK6Fixtures)("parseK6SummaryExport on the recorded k6 1.x file", () => {
  // Read lazily: a skipped describe still runs its body while collecting.
  let fields: K6SummaryFields;
  beforeAll(() => {
    fields = parseK6SummaryExport(sharedK6Fixture("summary-export-v1-ok.json"));
  });

  it("reads http_req_duration in microseconds and leaves p(99) null with a reason", () => {
    expect(fields.latencyUs).toEqual({
      p50: 3558.046,
      p90: 5253.488,
      p95: 7593.24,
      p99: null,
      max: 21068.284,
      mean: 3848.785,
      count: 1587,
    });
    expect(fields.unavailable["latencyUs.p99"]).toMatch(/p\(99\).*--summary-trend-stats/);
  });

  it("reads http_req_failed with its inverted names, http_reqs and dropped_iterations", () => {
    expect(fields.requests).toEqual({ completed: 1587, failed: 0, notSent: 17 });
    expect(fields.failRate).toBe(0);
    expect(fields.errors).toEqual({ http_req_failed: 0 });
    expect(fields.throughput).toBeCloseTo(528.3735309289374, 9);
    expect(fields.windowS).toBeCloseTo(1587 / 528.3735309289374, 9);
    expect(fields.thresholds).toEqual([]);
    expect(fields.invalidReasons).toEqual([]);
  });
});

describe("parseK6SummaryExport on hand-written files", () => {
  it("reads p(99), failed requests and failed thresholds (true = failed)", () => {
    const fields = parseK6SummaryExport(ownK6Fixture("summary-export-p99-failed.json"));
    expect(fields.latencyUs.p99).toBe(702334.15);
    expect(fields.latencyUs.p95).toBe(231886.1);
    expect(fields.unavailable["latencyUs.p99"]).toBeUndefined();
    expect(fields.requests).toEqual({ completed: 975, failed: 25, notSent: 40 });
    expect(fields.failRate).toBe(0.025);
    expect(fields.throughput).toBeCloseTo(99.87 * 0.975, 9);
    expect(fields.thresholds).toEqual([
      { name: "http_req_duration p(95)<200", failed: true },
      { name: "http_req_duration p(99)<1000", failed: false },
      { name: "http_req_failed rate<0.01", failed: true },
    ]);
    expect(fields.invalidReasons).toEqual([
      "k6 threshold failed: http_req_duration p(95)<200",
      "k6 threshold failed: http_req_failed rate<0.01",
    ]);
  });

  it("gives null with a reason for missing metrics, never 0", () => {
    const fields = parseK6SummaryExport(ownK6Fixture("summary-export-missing-metrics.json"));
    expectMissingHttpMetrics(fields, "summary-export");
    expect(fields.windowS).toBeCloseTo(200 / 66.5, 9);
  });

  it("accepts parsed JSON as well as text", () => {
    const text = ownK6Fixture("summary-export-p99-failed.json");
    expect(parseK6SummaryExport(JSON.parse(text))).toEqual(parseK6SummaryExport(text));
  });

  it.each([
    ["not JSON", "{"],
    ["no metrics", "{}"],
    ["handleSummary data", ownK6Fixture("handle-summary-p99-failed.json")],
    ["a non-boolean threshold", '{"metrics":{"http_reqs":{"count":1,"thresholds":{"count>0":"yes"}}}}'],
  ])("refuses %s with E_K6_SUMMARY", (_case, text) => {
    expect(() => parseK6SummaryExport(text)).toThrow(expect.objectContaining({ code: "E_K6_SUMMARY" }));
  });
});

describe("the two formats agree", () => {
  it("on the same hand-written run", () => {
    const exported = parseK6SummaryExport(ownK6Fixture("summary-export-p99-failed.json"));
    const handled = parseK6HandleSummary(ownK6Fixture("handle-summary-p99-failed.json"));
    const { windowS: a, unavailable: ua, ...restA } = exported;
    const { windowS: b, unavailable: ub, ...restB } = handled;
    expect(restB).toEqual(restA);
    expect(b).toBeCloseTo(a!, 1);
    expect(Object.keys(ub)).toEqual(Object.keys(ua));
  });
});

describe("k6 figures per request name", () => {
  it("come from the sub-metrics tagged with a request name of the benchmark", () => {
    const names = ["word-stats", "json-transform", "not-in-the-summary"];
    const fields = parseK6SummaryExport(ownK6Fixture("summary-export-per-name.json"), names);
    expect(Object.keys(fields.endpoints)).toEqual(["word-stats", "json-transform"]);
    expect(fields.endpoints["json-transform"]).toEqual({
      latencyUs: { p50: 2750, p90: 5100, p95: 6800, p99: 12125, max: 40200, mean: 3400, count: 400 },
      histogram: null,
      completed: 395,
      failed: 5,
      throughput: 39.5,
      failRate: 0.0125,
    });
    expect(fields.endpoints["word-stats"]).toMatchObject({ completed: 600, failed: 0, failRate: 0 });
    expect(fields.unavailable.endpoints).toBeUndefined();
  });

  it("are not available, with the way to get them, when the summary has no tagged sub-metrics", () => {
    const fields = parseK6SummaryExport(ownK6Fixture("summary-export-p99-failed.json"), ["word-stats"]);
    expect(fields.endpoints).toEqual({});
    expect(fields.unavailable.endpoints).toMatch(
      /no sub-metrics per request name: tag each request .* http_req_duration\{name:<request>\}/,
    );
    const handled = parseK6HandleSummary(ownK6Fixture("handle-summary-p99-failed.json"), ["word-stats"]);
    expect(handled.unavailable.endpoints).toBe(fields.unavailable.endpoints);
  });
});
