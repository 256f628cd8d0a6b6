import { describe, expect, it } from "vitest";
import type { Change } from "../../../../src/staging/report/Aggregate.js";
import { busyWindows } from "../../../../src/staging/report/busyWindows.js";
import { sideStats } from "../../../../src/staging/report/sideStats.js";
import { changeCell } from "../../../../src/staging/report/verdictCells.js";
import { decideVerdict, moreRounds, type VerdictInput } from "../../../../src/staging/report/verdict.js";
import { LOWER, modeCells, ramp } from "./campaignCells.js";

/** A ratio change in a 5% band, with the given fields. */
function ratioChange(fields: Partial<Change>): Change {
  return {
    scale: "ratio",
    estimate: 1,
    ci: { lo: 0.9, hi: 1.1, level: 0.95 },
    equivalence_ci: { lo: 0.92, hi: 1.08, level: 0.9 },
    band: { lo: 1 / 1.05, hi: 1.05 },
    ...fields,
  };
}

/** A row of a lower-is-better metric with the given change, p and spread over `pairs` rounds. */
function input(change: Partial<Change>, p: number | null, pairs = 10, spread = 0.05): VerdictInput {
  const full = ratioChange(change);
  const side = sideStats(Array<number>(pairs).fill(1), 0);
  return {
    row: {
      metric: "p95",
      direction: LOWER.direction,
      noise_band: LOWER.noise_band,
      critical: true,
      baseline: side,
      candidate: side,
      pairs,
      better_in: 0,
      worse_in: 0,
      change: full,
      delta_pct: 100 * (full.estimate - 1),
      p_value: p,
      p_adjusted: p,
      family: "critical",
      spread,
      unavailable: null,
    },
    published: true,
    alpha: 0.05,
    alphaFinal: 0.05,
    familySize: 1,
  };
}

describe("decideVerdict", () => {
  it("calls a significant change regressed or improved by the side of no change its interval lies on", () => {
    expect(decideVerdict(input({ estimate: 1.2, ci: { lo: 1.1, hi: 1.3, level: 0.95 } }, 0.001))).toBe(
      "regressed",
    );
    expect(decideVerdict(input({ estimate: 0.8, ci: { lo: 0.7, hi: 0.9, level: 0.95 } }, 0.001))).toBe(
      "improved",
    );
  });

  it("keeps a p below the level whose interval still touches no change inconclusive", () => {
    expect(decideVerdict(input({ estimate: 1.2, ci: { lo: 1, hi: 1.3, level: 0.95 } }, 0.01))).toBe(
      "inconclusive",
    );
  });

  it("calls a row equivalent from its equivalence interval, even without a 95% interval yet", () => {
    expect(
      decideVerdict(input({ ci: null, equivalence_ci: { lo: 0.99, hi: 1.01, level: 0.9 } }, 0.5, 5)),
    ).toBe("equivalent");
    expect(decideVerdict(input({ ci: null, equivalence_ci: null }, 0.5, 4))).toBe("too few rounds");
  });
});

describe("moreRounds", () => {
  it("estimates the rounds still to come for an undecided row", () => {
    const row = input({ estimate: 1.03, ci: { lo: 0.99, hi: 1.07, level: 0.95 } }, 0.2, 10, 0.05);
    expect(moreRounds(row, "inconclusive")).toBeGreaterThan(0);
  });

  it("says nothing when the model says the rounds there should have sufficed, or would need over 10,000", () => {
    // Equivalence: a spread this small fits the interval in the band long before 10 rounds.
    const lucky = input({ estimate: 1.0, ci: { lo: 0.9, hi: 1.1, level: 0.95 } }, 0.9, 10, 0.001);
    expect(moreRounds(lucky, "inconclusive")).toBeNull();
    // Right at the band's edge with a wide spread: no realistic count decides it.
    const hopeless = input({ estimate: 1.05, ci: { lo: 0.5, hi: 2, level: 0.95 } }, 0.5, 10, 2);
    expect(moreRounds(hopeless, "inconclusive")).toBeNull();
  });
});

describe("busyWindows", () => {
  const busy = (othersCpus: number) =>
    [0, 1].map((index) => ({ index, latencyUs: { p50: 1 }, othersCpus, machine: null }));
  const cells = modeCells("node", { p95: ramp(1, 0, 3) }, { p95: ramp(1, 0, 3) }).map((c) => ({
    ...c,
    windows: busy(c.round === 1 ? 1 : 0),
  }));

  it("counts a duet's shared windows once, though both versions' runs record them", () => {
    expect(busyWindows(cells, "duet")).toEqual({ busy: 2, total: 6 });
  });

  it("counts each version's own windows in the alternate design", () => {
    expect(busyWindows(cells, "alternate")).toEqual({ busy: 4, total: 12 });
  });
});

describe("changeCell", () => {
  const change = ratioChange({
    estimate: 1.01,
    ci: { lo: 0.94, hi: 1.08, level: 0.95 },
    equivalence_ci: { lo: 0.96, hi: 1.04, level: 0.9 },
  });

  it("shows an equivalent row's equivalence interval, the one its verdict rests on", () => {
    expect(changeCell("ms", change, "equivalent")).toBe("+1.0% [-4.0, +4.0]");
  });

  it("shows every other row's interval at the look's level", () => {
    expect(changeCell("ms", change, "inconclusive")).toBe("+1.0% [-6.0, +8.0]");
  });
});
