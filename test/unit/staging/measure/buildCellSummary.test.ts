import { describe, expect, it } from "vitest";
import type { LoadResult } from "../../../../src/drivers/load/index.js";
import { buildCellSummary, type CellFacts } from "../../../../src/staging/measure/buildCellSummary.js";

const load: LoadResult = {
  driver: "autocannon",
  latencyUs: { p50: 1000, p90: 1500, p95: 2000, p99: 3000, max: 4000, mean: 1200, count: 100 },
  histogram: null,
  statusCounts: { "200": 100 },
  errors: {},
  requests: { completed: 100, failed: 0, notSent: 0 },
  throughput: 50,
  windowS: 2,
  failRate: 0,
  endpoints: {},
  responseMismatches: 0,
  responsesChecked: 10,
  invalidReasons: [],
  unavailable: {},
};

function facts(overrides: Partial<CellFacts> = {}): CellFacts {
  return {
    version: "cand",
    mode: "native",
    round: 1,
    runIndex: 1,
    load,
    scrape: { metrics: {}, unavailable: {}, samples: 4, failures: 0 },
    rssPeak: { bytes: 1_000_000 },
    serviceDied: null,
    thresholds: { max_fail_rate: 0.01, max_scrape_failure_ratio: 0.2, response_sample: 50 },
    metricNames: ["p95", "p99", "fail_rate", "throughput", "heap_peak", "gc_pause"],
    ...overrides,
  };
}

describe("buildCellSummary", () => {
  it("leaves a metric the mode does not publish out of metrics (never null), with its reason", () => {
    const cell = buildCellSummary(facts());
    expect(cell.metrics).toEqual({
      p50: 1,
      p95: 2,
      p99: 3,
      fail_rate: 0,
      throughput: 50,
      rss_peak: 1_000_000,
    });
    expect(JSON.stringify(cell)).not.toContain("null,");
    expect(cell.unavailable).toEqual({
      gc_pause: "not published in mode native",
      heap_peak: "not published in mode native",
    });
    expect(cell.valid).toBe(true);
  });

  it("keeps the scrape's own reason, and a scraped value where there is one", () => {
    const scrape = {
      metrics: { heap_peak: 5e6, gc_pause: null },
      unavailable: { gc_pause: "no jvm_gc_pause_seconds_sum series" },
      samples: 4,
      failures: 0,
    };
    const cell = buildCellSummary(facts({ mode: "jvm", scrape }));
    expect(cell.metrics.heap_peak).toBe(5e6);
    expect(cell.metrics).not.toHaveProperty("gc_pause");
    expect(cell.unavailable.gc_pause).toBe("no jvm_gc_pause_seconds_sum series");
  });

  it("makes a run without a required metric invalid, saying which and why", () => {
    const noLatency = {
      ...load,
      latencyUs: { ...load.latencyUs, p95: null },
      unavailable: { "latencyUs.p95": "not in the k6 summary" },
    };
    const cell = buildCellSummary(facts({ load: noLatency }));
    expect(cell.metrics).not.toHaveProperty("p95");
    expect(cell.valid).toBe(false);
    expect(cell.invalid_reasons).toEqual(["required metric p95 missing: not in the k6 summary"]);
  });
});

describe("buildCellSummary per request name", () => {
  const histogram = {
    format: "hdr-histogram-js/compressed-base64" as const,
    unit: "us" as const,
    encoded: "HIST",
  };
  const endpoint = (p95: number | null, completed: number, failed: number) => ({
    latencyUs: { p50: 800, p90: null, p95, p99: 2500, max: null, mean: null, count: completed + failed },
    histogram: p95 === null ? null : histogram,
    completed,
    failed,
    throughput: completed / 2,
    failRate: completed + failed > 0 ? failed / (completed + failed) : null,
  });

  it("carries each name's figures in the run's units, and the merged histogram, for the report", () => {
    const cell = buildCellSummary(
      facts({
        load: {
          ...load,
          histogram,
          endpoints: { "json-transform": endpoint(1500, 60, 0), "word-stats": endpoint(null, 0, 40) },
        },
      }),
    );
    expect(cell.histogram).toEqual(histogram);
    expect(cell.endpoints).toEqual({
      "json-transform": {
        metrics: { p50: 0.8, p95: 1.5, p99: 2.5, fail_rate: 0, throughput: 30 },
        counts: { completed: 60, failed: 0 },
        histogram,
      },
      "word-stats": {
        metrics: { p50: 0.8, p99: 2.5, fail_rate: 1, throughput: 0 },
        counts: { completed: 0, failed: 40 },
      },
    });
  });

  it("has no endpoints where the load driver could not tell the names apart", () => {
    const cell = buildCellSummary(facts());
    expect(cell).not.toHaveProperty("endpoints");
    expect(cell).not.toHaveProperty("histogram");
  });
});
