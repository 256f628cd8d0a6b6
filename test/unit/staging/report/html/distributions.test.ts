import { beforeAll, describe, expect, it } from "vitest";
import { loadModules } from "../../../../../src/drivers/load/loadModules.js";
import { LatencyRecorder } from "../../../../../src/drivers/load/LatencyRecorder.js";
import { renderReportHtml } from "../../../../../src/staging/report/html/index.js";
import { CDF_PERCENTILES, latencyCdf } from "../../../../../src/staging/report/html/latencyCdf.js";
import { aggregateCampaign } from "../../../../../src/staging/report/index.js";
import { verdictCells } from "../../../../../src/staging/report/verdictCells.js";
import { at, loadFixture, demoPoint } from "../campaignCells.js";

function histogram(ms: number[]) {
  const recorder = new LatencyRecorder(10e6);
  for (const x of ms) recorder.recordMs(x);
  const encoded = recorder.encode()!;
  recorder.destroy();
  return encoded;
}

describe("a latency CDF", () => {
  beforeAll(async () => {
    await loadModules();
  });

  it("adds the runs' histograms and reads the sum at every percentile, p50, p95 and p99 marked", async () => {
    const a = Array.from({ length: 100 }, (_, i) => 0.01 * (i + 1)); // 0.01 .. 1.00 ms
    const b = Array.from({ length: 100 }, (_, i) => 1 + 0.01 * (i + 1)); // 1.01 .. 2.00 ms
    const cdf = (await latencyCdf([histogram(a), histogram(b)]))!;
    expect(cdf.count).toBe(200);
    expect(cdf.points).toHaveLength(CDF_PERCENTILES.length);
    expect(cdf.points[0]).toEqual({ ms: 0.01, share: 0 });
    expect(cdf.points.at(-1)).toEqual({ ms: 2, share: 1 });
    const ms = cdf.points.map((p) => p.ms);
    expect(ms).toEqual([...ms].sort((x, y) => x - y));
    expect(cdf.marks).toEqual([
      { name: "p50", share: 0.5, ms: 1 },
      { name: "p95", share: 0.95, ms: 1.9 },
      { name: "p99", share: 0.99, ms: 1.98 },
    ]);
  });

  it("is null without a histogram it can read", async () => {
    expect(await latencyCdf([])).toBeNull();
    expect(await latencyCdf([{ ...histogram([1]), format: "something-else" }])).toBeNull();
  });
});

describe("report.html of the demo's recorded campaign", () => {
  const { identity, metrics, cells } = loadFixture("campaign-demo");
  const aggregate = aggregateCampaign(identity, metrics, cells, demoPoint());
  let html: string;
  beforeAll(async () => {
    html = await renderReportHtml(aggregate, cells);
  });

  it("is byte-identical for the cells in another order", async () => {
    const shuffled = [...cells.filter((_, i) => i % 2 === 1), ...cells.filter((_, i) => i % 2 === 0)];
    expect(
      await renderReportHtml(aggregateCampaign(identity, metrics, shuffled, demoPoint()), shuffled),
    ).toBe(html);
  });

  it("starts with the ratio plot, before the first mode", () => {
    expect(html.indexOf(`<figure class="forest" data-kind="changes"`)).toBeLessThan(
      html.indexOf(`id="mode-0"`),
    );
  });

  it("draws per mode the CDFs of all requests and of each endpoint, both versions overlaid", () => {
    const figures = [
      ...html.matchAll(
        /<figure class="cdf" data-mode="(\w+)"(?: data-endpoint="([\w-]+)")? data-curves="(\d)">/g,
      ),
    ];
    expect(figures.map((f) => [f[1], f[2] ?? "all", f[3]])).toEqual([
      ["node", "all", "2"],
      ["node", "json-transform", "2"],
      ["node", "word-stats", "2"],
      ["bun", "all", "2"],
      ["bun", "json-transform", "2"],
      ["bun", "word-stats", "2"],
    ]);
    // The candidate's bun runs less the invalid one.
    expect(html).toContain("(baseline 12 runs, 21490 requests; candidate 11 runs, 23439 requests)");
  });

  it("holds the endpoint rows with the cells of the verdict table, the endpoint's name first", () => {
    const rows = [...html.matchAll(/<tr class="endpoint-row"[^>]*>(.*?)<\/tr>/g)].map((tr) =>
      [...tr[1]!.matchAll(/<td[^>]*>(?:<span[^>]*>)?([^<]*)/g)].map((td) => td[1]),
    );
    const expected = aggregate.modes.flatMap((table) =>
      table.endpoints.flatMap((e) => e.metrics.map((row) => [e.name, ...verdictCells(row)])),
    );
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(12);
  });
});

describe("report.html of runs without histograms or figures per endpoint", () => {
  it("says so where the plots would be", async () => {
    const { identity, metrics, cells } = loadFixture();
    const html = await renderReportHtml(aggregateCampaign(identity, metrics, cells, at(5)), cells);
    expect(html).toContain(
      "no valid run in mode node recorded a latency histogram (k6 records percentiles only)",
    );
    expect(html).toContain("no run in mode bun recorded figures per request name");
    expect(html).not.toContain(`<figure class="cdf"`);
  });
});
