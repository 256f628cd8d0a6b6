import { describe, expect, it } from "vitest";
import { isStagingError } from "../../../../src/errors/index.js";
import { holm, median } from "../../../../src/staging/stats/index.js";
import { aggregateCampaign } from "../../../../src/staging/report/index.js";
import type { CellSummary } from "../../../../src/staging/report/index.js";
import { CAND, HIGHER, LOWER, identity, loadFixture, modeCells, ramp } from "./campaignCells.js";

describe("Holm across the table", () => {
  // Raw p of 8 against 8 runs: 0.0002 (separated), about 0.02 (mostly separated), 1 (identical).
  const node = modeCells(
    "node",
    { p95: ramp(20, 0.1, 8), p99: [10, 11, 12, 13, 14, 15, 16, 17] },
    { p95: ramp(15, 0.1, 8), p99: [13, 14, 15, 16, 17, 18, 19, 20.5] },
  );
  const bun = modeCells(
    "bun",
    { p95: ramp(9, 0.1, 8), p99: ramp(12, 1, 8) },
    { p95: ramp(9, 0.1, 8), p99: ramp(12, 1, 8) },
  );
  const aggregate = aggregateCampaign(identity(["node", "bun"]), { p95: LOWER, p99: LOWER }, [
    ...node,
    ...bun,
  ]);
  const rows = aggregate.modes.flatMap((table) => table.metrics);

  it("adjusts every comparison of every mode together", () => {
    const raw = rows.map((row) => row.p_value ?? NaN);
    expect(aggregate.comparisons).toBe(4);
    expect(rows.map((row) => row.p_adjusted)).toEqual(holm(raw));
  });

  it("can take a raw p below 0.05 above it", () => {
    const p99 = rows[1];
    expect(p99?.p_value).toBeLessThan(0.05);
    expect(p99?.p_adjusted).toBeGreaterThanOrEqual(0.05);
    expect(p99?.verdict).toBe("~");
    expect(rows.map((row) => row.verdict)).toEqual(["improved", "~", "~", "~"]);
  });
});

describe("invalid runs", () => {
  const cells: CellSummary[] = modeCells("node", { p95: ramp(20, 0.1, 8) }, { p95: ramp(15, 0.1, 8) });
  const broken = cells.find((cell) => cell.version_slug === CAND && cell.round === 3);
  if (broken === undefined) throw new Error("no round 3");
  Object.assign(broken, {
    valid: false,
    invalid_reasons: ["crashed: exit 137", "missing data: p95"],
    metrics: { p95: 900 },
  });
  const aggregate = aggregateCampaign(identity(), { p95: LOWER }, cells);
  const row = aggregate.modes[0]?.metrics[0];

  it("are left out of every statistic", () => {
    const valid = ramp(15, 0.1, 8).filter((_, i) => i !== 2);
    expect(row?.candidate).toMatchObject({ n_valid: 7, n_invalid: 1, median: median(valid), max: 15.7 });
    expect(row?.baseline).toMatchObject({ n_valid: 8, n_invalid: 0 });
  });

  it("are listed with their reasons", () => {
    expect(aggregate.invalid_runs).toEqual([
      {
        version: CAND,
        mode: "node",
        round: 3,
        run_index: 2,
        reasons: ["crashed: exit 137", "missing data: p95"],
      },
    ]);
  });

  it("are listed in a fixed order: mode, baseline first, round", () => {
    const { identity: id, metrics, cells: fixture } = loadFixture();
    const more = fixture.map((cell) =>
      cell.round === 5 ? { ...cell, valid: false, invalid_reasons: ["r5"] } : cell,
    );
    const listed = aggregateCampaign(id, metrics, [...more].reverse()).invalid_runs;
    expect(listed.map((r) => `${r.mode} ${r.version} ${r.round}`)).toEqual([
      `node ${id.baseline} 5`,
      `node ${id.candidate} 5`,
      `bun ${id.baseline} 5`,
      `bun ${id.candidate} 3`,
      `bun ${id.candidate} 5`,
    ]);
  });
});

describe("regressions in critical metrics", () => {
  it("lists the regressed critical rows only", () => {
    const cells = modeCells(
      "node",
      { p95: ramp(20, 0.1, 8), p99: ramp(20, 0.1, 8), throughput: ramp(1000, 1, 8) },
      { p95: ramp(25, 0.1, 8), p99: ramp(25, 0.1, 8), throughput: ramp(1200, 1, 8) },
    );
    const specs = {
      p95: { ...LOWER, critical: true },
      p99: LOWER,
      throughput: { ...HIGHER, critical: true },
    };
    const aggregate = aggregateCampaign(identity(), specs, cells);
    expect(aggregate.modes[0]?.metrics.map((row) => row.verdict)).toEqual([
      "regressed",
      "regressed",
      "improved",
    ]);
    expect(aggregate.regressions_in_critical).toEqual([
      {
        mode: "node",
        metric: "p95",
        delta_pct: expect.closeTo(24.57, 2) as number,
        p_adjusted: expect.any(Number) as number,
      },
    ]);
  });
});

describe("metric order", () => {
  it("is the COMPAT order, then the other specified metrics as given", () => {
    const specs = { rss_peak: LOWER, gc_pause: LOWER, p50: LOWER, throughput: HIGHER, p95: LOWER };
    const cells = modeCells("node", { p95: [1] }, { p95: [1] });
    const metrics = aggregateCampaign(identity(), specs, cells).modes[0]?.metrics.map((row) => row.metric);
    expect(metrics).toEqual(["p95", "throughput", "gc_pause", "rss_peak", "p50"]);
  });
});

describe("cells that do not belong", () => {
  const good = modeCells("node", { p95: [1, 2] }, { p95: [1, 2] });
  const first = good[0] as CellSummary;
  const cases: Array<[string, CellSummary[]]> = [
    ["another version", [...good, { ...first, version_slug: "other" }]],
    ["another mode", [...good, { ...first, platform_mode: "jvm" }]],
    ["the same round twice", [...good, { ...first, run_index: 99 }]],
    ["a non-finite value", [...good, { ...first, round: 9, metrics: { p95: Number.NaN } }]],
  ];

  it.each(cases)("are refused: %s", (_, cells) => {
    try {
      aggregateCampaign(identity(), { p95: LOWER }, cells);
      expect.unreachable();
    } catch (error) {
      expect(isStagingError(error) && error.code).toBe("E_CAMPAIGN_CELL");
    }
  });

  it("name the cell in the error", () => {
    expect(() =>
      aggregateCampaign(identity(), { p95: LOWER }, [...good, { ...first, version_slug: "other" }]),
    ).toThrow(/neither version/);
  });
});
