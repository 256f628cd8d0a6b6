import { describe, expect, it } from "vitest";
import { aggregateCampaign } from "../../../../src/staging/report/index.js";
import type { CellSummary, MetricRow, ReportMetricSpec } from "../../../../src/staging/report/index.js";
import { BASE, CAND, HIGHER, LOWER, identity, modeCells, ramp, versionCells } from "./campaignCells.js";

function onlyRow(specs: Record<string, ReportMetricSpec>, cells: CellSummary[], modes = ["node"]): MetricRow {
  const row = aggregateCampaign(identity(modes), specs, cells).modes[0]?.metrics[0];
  if (row === undefined) throw new Error("no row");
  return row;
}

describe("verdicts of one comparison", () => {
  it("says improved when a lower-is-better metric drops clearly", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: ramp(20, 0.1, 8) }, { p95: ramp(15, 0.1, 8) }),
    );
    expect(row.p_value).toBeCloseTo(2 / 12870, 12);
    expect(row.p_adjusted).toBe(row.p_value);
    expect(row.delta_median).toBeCloseTo(-5, 12);
    expect(row.delta_pct).toBeCloseTo((-5 / 20.35) * 100, 10);
    expect(row.hl_shift).toBeCloseTo(-5, 12);
    expect(row.verdict).toBe("improved");
  });

  it("says regressed when it rises clearly", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: ramp(20, 0.1, 8) }, { p95: ramp(25, 0.1, 8) }),
    );
    expect(row.verdict).toBe("regressed");
  });

  it("says ~ when the samples overlap", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: [10, 14, 11, 13, 12, 15, 9, 16] }, { p95: [12, 10, 15, 11, 14, 9, 16, 13] }),
    );
    expect(row.p_adjusted).toBeGreaterThan(0.05);
    expect(row.verdict).toBe("~");
  });

  it("turns higher-is-better around for throughput", () => {
    const up = onlyRow(
      { throughput: HIGHER },
      modeCells("node", { throughput: ramp(1000, 1, 8) }, { throughput: ramp(1200, 1, 8) }),
    );
    const down = onlyRow(
      { throughput: HIGHER },
      modeCells("node", { throughput: ramp(1000, 1, 8) }, { throughput: ramp(800, 1, 8) }),
    );
    expect(up.delta_pct).toBeGreaterThan(0);
    expect(up.verdict).toBe("improved");
    expect(down.verdict).toBe("regressed");
  });
});

describe("the noise band", () => {
  const base = { p95: ramp(100, 0.01, 8) };
  const plusOnePercent = { p95: ramp(101, 0.01, 8) };

  it("suppresses a significant change that is smaller than the band", () => {
    const row = onlyRow({ p95: LOWER }, modeCells("node", base, plusOnePercent));
    expect(row.p_adjusted).toBeLessThan(0.05);
    expect(row.delta_pct).toBeCloseTo(1, 1);
    expect(row.verdict).toBe("~");
  });

  it("lets the same change through with a narrower band", () => {
    const row = onlyRow({ p95: { ...LOWER, noise_band: 0.005 } }, modeCells("node", base, plusOnePercent));
    expect(row.verdict).toBe("regressed");
  });

  it("counts a change of exactly the band as noise", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: [100, 100, 100, 100, 100] }, { p95: [105, 105, 105, 105, 105] }),
    );
    expect(row.p_adjusted).toBeLessThan(0.05);
    expect(row.verdict).toBe("~");
  });

  it("treats any change from a baseline median of 0 as outside the band, with no relative delta", () => {
    const row = onlyRow(
      { fail_rate: { direction: "lower", noise_band: 0 } },
      modeCells(
        "node",
        { fail_rate: [0, 0, 0, 0, 0, 0] },
        { fail_rate: [0.02, 0.03, 0.02, 0.04, 0.02, 0.03] },
      ),
    );
    expect(row.delta_pct).toBeNull();
    expect(row.delta_median).toBeCloseTo(0.025, 12);
    expect(row.verdict).toBe("regressed");
  });
});

describe("too few runs", () => {
  it("is the verdict of 3 against 3 runs, whose exact p cannot go below 0.1", () => {
    const row = onlyRow({ p95: LOWER }, modeCells("node", { p95: [20, 21, 22] }, { p95: [10, 11, 12] }));
    expect(row.p_value).toBeCloseTo(0.1, 12);
    expect(row.verdict).toBe("too few runs");
  });

  it("lets 4 against 4 runs through for a single comparison (min p 0.0286)", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: [20, 21, 22, 23] }, { p95: [10, 11, 12, 13] }),
    );
    expect(row.p_adjusted).toBeCloseTo(2 / 70, 12);
    expect(row.verdict).toBe("improved");
  });

  it("counts the Holm adjustment: 4 against 4 runs cannot pass 0.05 in a table of two comparisons", () => {
    const cells = modeCells(
      "node",
      { p95: [20, 21, 22, 23], p99: [30, 31, 32, 33] },
      { p95: [10, 11, 12, 13], p99: [40, 41, 42, 43] },
    );
    const aggregate = aggregateCampaign(identity(), { p95: LOWER, p99: LOWER }, cells);
    expect(aggregate.modes[0]?.metrics.map((row) => row.verdict)).toEqual(["too few runs", "too few runs"]);
    expect(aggregate.runs_needed).toBe(5);
  });

  it("is the verdict when a side has no valid value and nobody said why", () => {
    const row = onlyRow(
      { p95: LOWER },
      modeCells("node", { p95: [20, 21, 22, 23, 24] }, { p95: [null, null, null, null, null] }),
    );
    expect(row.candidate.n_valid).toBe(0);
    expect(row.candidate.median).toBeNull();
    expect(row.p_value).toBeNull();
    expect(row.verdict).toBe("too few runs");
  });
});

describe("n/a", () => {
  it("marks a metric no run of the mode publishes, with the reason, outside the Holm family", () => {
    const reason = { gc_pause: "not published in mode bun" };
    const cells = [
      ...versionCells(BASE, "bun", { p95: ramp(20, 0.1, 8), gc_pause: Array(8).fill(null) }, reason),
      ...versionCells(CAND, "bun", { p95: ramp(15, 0.1, 8), gc_pause: Array(8).fill(null) }, reason),
    ];
    const aggregate = aggregateCampaign(identity(["bun"]), { p95: LOWER, gc_pause: LOWER }, cells);
    const [p95, gc] = aggregate.modes[0]?.metrics ?? [];
    expect(gc).toMatchObject({
      verdict: "n/a",
      unavailable: "not published in mode bun",
      p_value: null,
      p_adjusted: null,
    });
    expect(gc?.baseline).toMatchObject({ n_valid: 0, median: null });
    expect(aggregate.comparisons).toBe(1);
    expect(p95?.verdict).toBe("improved");
  });
});
