import { describe, expect, it } from "vitest";
import { aggregateCampaign } from "../../../../src/staging/report/aggregateCampaign.js";
import type { CellSummary } from "../../../../src/staging/report/index.js";
import { renderReportMarkdown } from "../../../../src/staging/report/renderReportMarkdown.js";
import {
  BASE,
  HIGHER,
  LOWER,
  at,
  drifting,
  identity,
  demoPoint,
  loadFixture,
  modeCells,
  ramp,
} from "./campaignCells.js";

const SPECS = {
  p95: { ...LOWER, critical: true },
  throughput: { ...HIGHER, critical: true },
  fail_rate: { direction: "lower" as const, noise_band: 0.001, critical: true },
};

/** Per request name, per version: its p95 in each round (throughput 100 req/s, no failure). */
type EndpointSeries = Record<string, { baseline: number[]; candidate: number[] }>;

/** Cells of one mode whose whole p95 is `whole`, with each request name's own p95 beside it. */
function cellsWithEndpoints(whole: [number[], number[]], endpoints: EndpointSeries): CellSummary[] {
  const cells = modeCells(
    "node",
    { p95: whole[0], throughput: ramp(200, 0, whole[0].length), fail_rate: ramp(0, 0, whole[0].length) },
    { p95: whole[1], throughput: ramp(200, 0, whole[1].length), fail_rate: ramp(0, 0, whole[1].length) },
  );
  return cells.map((cell) => {
    const role = cell.version_slug === BASE ? "baseline" : "candidate";
    const figures = Object.entries(endpoints).map(([name, series]) => [
      name,
      { metrics: { p95: series[role][cell.round - 1]!, throughput: 100, fail_rate: 0 } },
    ]);
    return { ...cell, endpoints: Object.fromEntries(figures) as CellSummary["endpoints"] };
  });
}

describe("the rows per request name", () => {
  // word-stats 20% faster, json-transform unchanged; the whole in between.
  const [wsBase, wsCand] = drifting(10, 0.8, 10);
  const [jtBase, jtCand] = drifting(4, 1.0, 10, 0.4, 0.004);
  const whole = drifting(7, 0.88, 10);
  const cells = cellsWithEndpoints(whole, {
    "word-stats": { baseline: wsBase, candidate: wsCand },
    "json-transform": { baseline: jtBase, candidate: jtCand },
  });
  const aggregate = aggregateCampaign(identity(), SPECS, cells, at(10));
  const table = aggregate.modes[0]!;

  it("compare each name round by round as the whole is: p95, throughput and fail_rate, names sorted", () => {
    expect(table.endpoints.map((e) => e.name)).toEqual(["json-transform", "word-stats"]);
    const ws = table.endpoints[1]!;
    expect(ws.metrics.map((row) => row.metric)).toEqual(["p95", "throughput", "fail_rate"]);
    const p95 = ws.metrics[0]!;
    expect(p95.pairs).toBe(10);
    expect(p95.change!.estimate).toBeCloseTo(0.8, 2);
    expect(p95.verdict).toBe("improved");
    expect(table.endpoints[0]!.metrics[0]!.verdict).toBe("equivalent");
  });

  it("are never critical: they join the secondary family, and leave the decision to the whole", () => {
    const rows = table.endpoints.flatMap((e) => e.metrics);
    expect(rows.every((row) => !row.critical)).toBe(true);
    expect(rows.filter((row) => row.family === "secondary")).toHaveLength(2);
    expect(aggregate.families.critical).toEqual(["node p95"]);
    expect(aggregate.families.secondary).toEqual(["node json-transform p95", "node word-stats p95"]);
    expect(aggregate.regressions_in_critical).toEqual([]);
    expect(aggregate.inconclusive_critical).toEqual([]);
  });

  it("are the same whatever order the cells come in", () => {
    const shuffled = [...cells].reverse();
    expect(aggregateCampaign(identity(), SPECS, shuffled, at(10))).toEqual(aggregate);
  });

  it("take a duet's per-window figures where both versions have them, as the whole does", () => {
    // The merged round says +50% (one slow tail); each window says +10%.
    const windowed = cellsWithEndpoints([ramp(10, 0, 8), ramp(10, 0, 8)], {
      "word-stats": { baseline: ramp(10, 0, 8), candidate: ramp(15, 0, 8) },
    }).map((cell) => {
      const p95 = cell.version_slug === BASE ? 10_000 : 11_000;
      const window = (index: number) => ({
        index,
        latencyUs: { p50: null },
        othersCpus: null,
        machine: null,
        endpoints: { "word-stats": { latencyUs: { p50: null, p95 }, throughput: 100 } },
      });
      return { ...cell, windows: [window(1), window(2)] };
    });
    const row = aggregateCampaign(identity(["node"], 8), SPECS, windowed, at(8)).modes[0]!.endpoints[0]!
      .metrics[0]!;
    expect(row.change!.estimate).toBeCloseTo(1.1, 9);
  });

  it("leave out a round whose runs have no figures for the name, and are absent when no run has any", () => {
    const some = cells.map((cell) => (cell.round === 3 ? { ...cell, endpoints: {} } : cell));
    const ws = aggregateCampaign(identity(), SPECS, some, at(10)).modes[0]!.endpoints[1]!;
    expect(ws.metrics[0]!.pairs).toBe(9);
    const none = cells.map(({ endpoints: _endpoints, ...cell }) => cell);
    expect(aggregateCampaign(identity(), SPECS, none, at(10)).modes[0]!.endpoints).toEqual([]);
  });

  it("read as a compact table under the mode's, within 100 columns", () => {
    const markdown = renderReportMarkdown(aggregate);
    const table = markdown.indexOf("| endpoint");
    const section = markdown.slice(markdown.indexOf("Per endpoint"), markdown.indexOf("\n\n", table));
    expect(section).toMatchInlineSnapshot(`
      "Per endpoint (request name; in the other family, never critical):

      | endpoint       | metric     |           change [CI] |  +/- |     p | verdict    |
      | -------------- | ---------- | --------------------: | ---: | ----: | ---------- |
      | json-transform | p95        |     0.0% [-0.2, +0.2] |  5/5 | 0.846 | equivalent |
      | json-transform | throughput |       0.0% [0.0, 0.0] |  0/0 |     — | equivalent |
      | json-transform | fail_rate  |  0.00 pp [0.00, 0.00] |  0/0 |     — | equivalent |
      | word-stats     | p95        | -20.0% [-20.4, -19.5] | 10/0 | 0.004 | improved   |
      | word-stats     | throughput |       0.0% [0.0, 0.0] |  0/0 |     — | equivalent |
      | word-stats     | fail_rate  |  0.00 pp [0.00, 0.00] |  0/0 |     — | equivalent |"
    `);
    expect(markdown).toContain("other 2 (2 of them endpoint rows, never critical)");
    const widest = Math.max(
      ...markdown
        .split("\n")
        .filter((l) => l.startsWith("|"))
        .map((l) => [...l].length),
    );
    expect(widest).toBeLessThanOrEqual(100);
  });

  it("fit 100 columns in the demo's recorded report too, as every table there does", () => {
    const demo = loadFixture("campaign-demo");
    const markdown = renderReportMarkdown(
      aggregateCampaign(demo.identity, demo.metrics, demo.cells, demoPoint()),
    );
    const tables = markdown.split("\n").filter((line) => line.startsWith("|"));
    expect(tables.filter((line) => line.startsWith("| json-transform"))).toHaveLength(2 * 3);
    expect(Math.max(...tables.map((line) => [...line].length))).toBeLessThanOrEqual(100);
  });
});
