import { describe, expect, it } from "vitest";
import { forestRows } from "../../../../../src/staging/report/html/forestRows.js";
import type { RunPoint } from "../../../../../src/staging/report/html/plotData.js";
import { groupStyle } from "../../../../../src/staging/report/html/plotTheme.js";
import { fitToAxis, OFF_ABOVE, OFF_BELOW } from "../../../../../src/staging/report/html/valueAxis.js";
import { aggregateCampaign, type MetricRow } from "../../../../../src/staging/report/index.js";
import { demoPoint, loadFixture } from "../campaignCells.js";

function run(value: number, valid = true, round = 1): RunPoint {
  return {
    version: "v",
    role: "baseline",
    group: valid ? "v" : "invalid (excluded)",
    round,
    run_index: round,
    value,
    shown: value,
    valid,
    label: `run ${round}`,
  };
}

describe("the value axis of a metric's plots", () => {
  it("is fitted to the valid runs: an invalid run far above sits at the top edge, keeping its value in the tooltip", () => {
    const { domain, points } = fitToAxis([run(4), run(6), run(2150, false, 3)]);
    expect(domain![0]).toBeCloseTo(3.9, 9);
    expect(domain![1]).toBeCloseTo(6.1, 9);
    const off = points[2]!;
    expect(off).toMatchObject({ value: 2150, shown: domain![1], group: OFF_ABOVE });
    expect(off.label).toBe("run 3 (invalid, above the axis, drawn at its edge)");
    expect(points.slice(0, 2)).toEqual([run(4), run(6)]);
  });

  it("widens to take in an invalid run within one span of the valid ones, and drops one far below to the bottom edge", () => {
    expect(fitToAxis([run(10), run(12), run(13.5, false)]).points[2]!.group).toBe("invalid (excluded)");
    const below = fitToAxis([run(-10), run(-12), run(-90, false)]);
    expect(below.points[2]).toMatchObject({ group: OFF_BELOW, shown: below.domain![0] });
  });

  it("spans 10% around valid runs that are all equal, 1 unit above 0, never below 0 when no run is", () => {
    expect(fitToAxis([run(50), run(50)]).domain).toEqual([47.5, 52.5]);
    const zeros = fitToAxis([run(0), run(0), run(4.12, false)]);
    expect(zeros.domain).toEqual([0, 0.5]);
    expect(zeros.points[2]!.group).toBe(OFF_ABOVE);
  });

  it("is left to the plot when no run is valid", () => {
    const points = [run(1, false), run(1000, false)];
    expect(fitToAxis(points)).toEqual({ domain: null, points });
  });
});

describe("a legend", () => {
  it("names only what the plot draws, in a fixed order", () => {
    const drawn = [{ group: "cand" }, { group: OFF_ABOVE }, { group: "base" }];
    expect(groupStyle("base", "cand", drawn)).toEqual({
      domain: ["base", "cand", OFF_ABOVE],
      colors: ["#4c78a8", "#f58518", "#d62728"],
      shapes: ["circle", "circle", "triangle-up"],
    });
    expect(groupStyle("base", "cand", [{ group: "base" }]).domain).toEqual(["base"]);
  });
});

describe("the rows of a ratio plot", () => {
  const { identity, metrics, cells } = loadFixture("campaign-demo");
  const aggregate = aggregateCampaign(identity, metrics, cells, demoPoint());

  it("draw every change on the ratio scale, and name the ones a ratio axis cannot hold", () => {
    const items = aggregate.modes.flatMap((t) =>
      t.metrics.map((row) => ({ label: `${t.mode} · ${row.metric}`, row })),
    );
    const { rows, notDrawn } = forestRows(items);
    expect(rows.map((r) => r.label)).not.toContain("node · fail_rate");
    expect(rows).toHaveLength(items.length - 3);
    expect(notDrawn).toEqual([
      "node · fail_rate: 0.00 pp [0.00, 0.00] (a difference, not a ratio), equivalent",
      "bun · fail_rate: 0.00 pp [0.00, 0.00] (a difference, not a ratio), equivalent",
      "bun · gc_pause: not published",
    ]);
    const p95 = rows[0]!;
    const row = aggregate.modes[0]!.metrics[0] as MetricRow;
    expect(p95).toMatchObject({
      label: "node · p95",
      estimate: row.change!.estimate,
      lo: row.change!.ci!.lo,
      hi: row.change!.ci!.hi,
      bandLo: 1 / 1.05,
      bandHi: 1.05,
      verdict: row.verdict,
    });
    expect(p95.text).toMatch(/^[-+]\d+\.\d% \[[-+]\d+\.\d, [-+]\d+\.\d\] \w/);
  });
});
