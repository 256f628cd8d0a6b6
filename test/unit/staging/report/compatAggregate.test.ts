import { describe, expect, it } from "vitest";
import {
  aggregateCampaign,
  compatAggregate,
  renderAggregateJson,
  renderAggregateMarkdown,
} from "../../../../src/staging/report/index.js";
import { loadFixture } from "./campaignCells.js";

const { identity, metrics, cells } = loadFixture();
const aggregate = aggregateCampaign(identity, metrics, cells);
const compat = compatAggregate(aggregate);

describe("compatAggregate (aggregate-comparison.json of the old layout)", () => {
  it("gives per mode and metric the medians, means, minima, maxima and the delta of medians", () => {
    const p95 = compat.modes["node"]?.["p95"];
    const row = aggregate.modes[0]?.metrics[0];
    expect(p95).toEqual({
      baseline: {
        median: row?.baseline.median,
        mean: row?.baseline.mean,
        min: row?.baseline.min,
        max: row?.baseline.max,
      },
      candidate: {
        median: row?.candidate.median,
        mean: row?.candidate.mean,
        min: row?.candidate.min,
        max: row?.candidate.max,
      },
      delta_median: row?.delta_median,
    });
  });

  it("keeps the old metric order and the campaign's mode order", () => {
    expect(compat.metrics).toEqual(["p95", "p99", "fail_rate", "throughput", "heap_peak", "gc_pause"]);
    expect(Object.keys(compat.modes)).toEqual(["node", "bun"]);
    expect(Object.keys(compat.modes["bun"] ?? {})).toEqual(compat.metrics);
    const json = renderAggregateJson(compat);
    expect(json.endsWith("\n")).toBe(true);
    expect(json.indexOf('"p99"')).toBeLessThan(json.indexOf('"fail_rate"'));
  });

  it("has nulls, never zeros, for a metric a mode does not publish", () => {
    expect(compat.modes["bun"]?.["gc_pause"]).toEqual({
      baseline: { median: null, mean: null, min: null, max: null },
      candidate: { median: null, mean: null, min: null, max: null },
      delta_median: null,
    });
  });

  it("renders aggregate-comparison.md", () => {
    expect(renderAggregateMarkdown(compat)).toMatchInlineSnapshot(`
      "# Aggregate comparison \`c-20261126-fasttok\`: \`demo-fasttok-20261126\` vs \`demo-base-20261125\`

      Valid runs only, 5 rounds; benchmark \`9f3b6c1e2a7d\`.

      ## Mode \`node\`

      | metric     | baseline median | candidate median | delta median |      baseline mean (min–max) |     candidate mean (min–max) |
      | ---------- | --------------: | ---------------: | -----------: | ---------------------------: | ---------------------------: |
      | p95        |         14.1 ms |          12.3 ms |     -1.78 ms |          14.1 ms (13.7–14.5) |          12.2 ms (11.8–12.5) |
      | p99        |         21.4 ms |          19.5 ms |     -1.90 ms |          21.6 ms (20.9–22.5) |          19.6 ms (19.3–19.8) |
      | fail_rate  |           0.00% |            0.04% |       +0.04% |            0.01% (0.00–0.02) |            0.02% (0.00–0.04) |
      | throughput |    1497.0 req/s |     1644.3 req/s | +147.3 req/s | 1486.4 req/s (1464.0–1501.3) | 1638.9 req/s (1596.5–1682.4) |
      | heap_peak  |       57.98 MiB |        57.69 MiB |    -0.29 MiB |      58.28 MiB (57.34–59.29) |      58.26 MiB (57.24–59.62) |
      | gc_pause   |          183 ms |           180 ms |     -3.10 ms |             184 ms (166–199) |             178 ms (163–191) |

      ## Mode \`bun\`

      | metric     | baseline median | candidate median | delta median |      baseline mean (min–max) |     candidate mean (min–max) |
      | ---------- | --------------: | ---------------: | -----------: | ---------------------------: | ---------------------------: |
      | p95        |         9.31 ms |          8.70 ms |    -0.611 ms |          9.47 ms (9.14–9.88) |          8.66 ms (8.51–8.74) |
      | p99        |         16.3 ms |          14.6 ms |     -1.66 ms |          16.1 ms (15.5–16.6) |          14.6 ms (14.3–14.9) |
      | fail_rate  |           0.04% |            0.00% |       -0.04% |            0.02% (0.00–0.04) |            0.01% (0.00–0.02) |
      | throughput |    2100.1 req/s |     2339.3 req/s | +239.3 req/s | 2108.5 req/s (2069.1–2171.1) | 2330.0 req/s (2275.6–2365.8) |
      | heap_peak  |       40.78 MiB |        41.19 MiB |    +0.41 MiB |      40.79 MiB (40.17–41.42) |      41.35 MiB (40.76–42.27) |
      | gc_pause   |               — |                — |            — |                            — |                            — |
      "
    `);
  });
});
