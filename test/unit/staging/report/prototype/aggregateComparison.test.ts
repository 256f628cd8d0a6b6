import { describe, expect, it } from "vitest";
import {
  aggregateComparison,
  prototypeCampaignFields,
  renderAggregateComparisonJson,
  renderAggregateComparisonMarkdown,
  type AggregateComparison,
  type ComparisonCell,
} from "../../../../../src/staging/report/prototype/index.js";
import { cellsReproducing, hasPrototypeFixtures, prototypeFixture } from "./prototypeFixture.js";

const campaign = { baseline: "base", candidate: "cand", modes: ["native", "jvm"] };
const run = (version: string, mode: string, metrics: Record<string, number | null>, valid = true) =>
  ({ version_slug: version, platform_mode: mode, metrics, valid }) satisfies ComparisonCell;

describe.runIf(hasPrototypeFixtures)("aggregate-comparison files, against those the prototype wrote", () => {
  const fixture = JSON.parse(prototypeFixture("aggregate-comparison.json")) as AggregateComparison;
  const identity = {
    baseline: fixture.baseline_slug,
    candidate: fixture.candidate_slug,
    modes: ["jvm", "native"],
  };
  const aggregate = aggregateComparison(identity, cellsReproducing(fixture));

  it("writes aggregate-comparison.json byte for byte (sorted keys, 2-space indent, Python floats, no final newline)", () => {
    expect(renderAggregateComparisonJson(aggregate)).toBe(prototypeFixture("aggregate-comparison.json"));
  });

  it("writes aggregate-comparison.md byte for byte", () => {
    expect(renderAggregateComparisonMarkdown(aggregate)).toBe(prototypeFixture("aggregate-comparison.md"));
  });

  it("puts in campaign.json the fields the prototype's campaign.json holds, with the same values", () => {
    const fields = prototypeCampaignFields({
      campaignId: "c1",
      baseline: fixture.baseline_slug,
      candidate: fixture.candidate_slug,
      modes: ["jvm", "native"],
      runs: 2,
      benchmarkFileSha256: "ab".repeat(32),
      cellsExecuted: 8,
    });
    expect(fields).toMatchObject(JSON.parse(prototypeFixture("campaign.json")) as object);
    expect(Object.keys(fields).sort()).toEqual([
      "baseline_slug",
      "benchmark_hash",
      "benchmark_path",
      "campaign_id",
      "candidate_slug",
      "cells_executed",
      "platform_modes",
      "runs",
    ]);
  });
});

describe("aggregateComparison", () => {
  it("lists modes in code point order and the six metrics in the prototype's order, skipping others", () => {
    const metrics = { gc_pause: 1, p50: 1, throughput: 1, p95: 1 };
    const cells = ["base", "cand"].flatMap((v) => ["jvm", "native"].map((m) => run(v, m, metrics)));
    const rows = aggregateComparison(campaign, cells).rows.map((r) => `${r.platform_mode} ${r.metric}`);
    expect(rows).toEqual([
      "jvm p95",
      "jvm throughput",
      "jvm gc_pause",
      "native p95",
      "native throughput",
      "native gc_pause",
    ]);
  });

  it("leaves out a metric that one version lacks in a mode (a null counts as lacking)", () => {
    const cells = [
      run("base", "native", { p95: 1, gc_pause: 0.1 }),
      run("cand", "native", { p95: 2, gc_pause: null }),
    ];
    expect(aggregateComparison(campaign, cells).rows.map((r) => r.metric)).toEqual(["p95"]);
  });

  it("leaves out invalid runs", () => {
    const cells = [
      run("base", "jvm", { p95: 10 }),
      run("cand", "jvm", { p95: 8 }),
      run("cand", "jvm", { p95: 500 }, false),
    ];
    expect(aggregateComparison(campaign, cells).rows[0]?.candidate).toEqual({
      median: 8,
      mean: 8,
      min: 8,
      max: 8,
    });
  });

  it("rounds to 4 decimals as Python does (ties to even), and takes deltas of the rounded figures", () => {
    const cells = [run("base", "jvm", { p95: 0.03125 }), run("cand", "jvm", { p95: 0.00015 })];
    const [row] = aggregateComparison(campaign, cells).rows;
    // 0.03125 is exactly halfway: to the even 0.0312. 0.00015 is stored as 0.000149999...: down.
    expect(row?.baseline.median).toBe(0.0312);
    expect(row?.candidate.median).toBe(0.0001);
    expect(row?.delta.median).toBe(-0.0311);
  });

  it("renders an empty table when no metric has values on both sides", () => {
    const empty = aggregateComparison(campaign, []);
    expect(renderAggregateComparisonJson(empty)).toBe(
      '{\n  "baseline_slug": "base",\n  "candidate_slug": "cand",\n  "rows": []\n}',
    );
    expect(renderAggregateComparisonMarkdown(empty)).toBe(
      "# Aggregate Comparison\n\n| mode | metric | baseline median | candidate median | delta median |\n| --- | --- | ---: | ---: | ---: |\n",
    );
  });
});
