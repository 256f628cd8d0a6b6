import { describe, expect, it } from "vitest";
import type { CellSummary } from "../../../../src/staging/report/CampaignInput.js";
import { warmupChecks } from "../../../../src/staging/report/warmupChecks.js";

function cell(version: string, round: number, p50s: readonly number[]): CellSummary {
  return {
    version_slug: version,
    platform_mode: "node",
    round,
    run_index: 1,
    valid: true,
    invalid_reasons: [],
    metrics: {},
    windows: p50s.map((p50, index) => ({ index, latencyUs: { p50 }, othersCpus: null, machine: null })),
  };
}

describe("warmupChecks", () => {
  it("flags a version whose windows keep getting faster, and names the runs that fell throughout", () => {
    const cells = [
      cell("cold", 1, [900, 800, 700, 600]),
      cell("cold", 2, [880, 820, 700, 640]),
      cell("cold", 3, [900, 910, 700, 650]),
      cell("cold", 4, [870, 800, 690, 610]),
      cell("cold", 5, [860, 790, 720, 600]),
      cell("cold", 6, [850, 800, 700, 620]),
    ];
    const [check] = warmupChecks(cells, ["cold"]);
    expect(check).toMatchObject({ version: "cold", warming: true });
    expect(check!.slope_pct).toBeLessThan(-5);
    // Round 3 rose once before it fell, so it is not one of them.
    expect(check!.rounds_falling).toEqual([1, 2, 4, 5, 6]);
  });

  it("does not flag noise without a trend, and then names no runs", () => {
    const cells = [
      cell("flat", 1, [700, 690, 710, 700]),
      cell("flat", 2, [720, 700, 690, 680]),
      cell("flat", 3, [690, 710, 700, 720]),
      cell("flat", 4, [700, 705, 695, 700]),
    ];
    const [check] = warmupChecks(cells, ["flat"]);
    expect(check).toMatchObject({ version: "flat", warming: false, rounds_falling: [] });
  });

  it("skips runs with fewer than three windows, and a version with none has no check", () => {
    expect(warmupChecks([cell("short", 1, [900, 600])], ["short"])).toEqual([]);
  });
});
