import { describe, expect, it } from "vitest";
import { isStagingError } from "../../../../src/errors/index.js";
import {
  aggregateCampaign,
  lookAlpha,
  type AnalysisPoint,
} from "../../../../src/staging/report/aggregateCampaign.js";
import type { CellSummary, MetricRow, ReportMetricSpec } from "../../../../src/staging/report/index.js";
import {
  alphaSpending,
  groupSequentialLevels,
  holm,
  mannWhitneyU,
} from "../../../../src/staging/stats/index.js";
import {
  CAND,
  HIGHER,
  LOWER,
  at,
  drifting,
  identity,
  loadFixture,
  modeCells,
  ramp,
  type Series,
} from "./campaignCells.js";

/** The one row of a campaign in mode node that compares one metric. */
function onlyRow(
  specs: Record<string, ReportMetricSpec>,
  baseline: Series,
  candidate: Series,
  point: AnalysisPoint,
  id = identity(),
): MetricRow {
  return aggregateCampaign(id, specs, modeCells("node", baseline, candidate), point).modes[0]!.metrics[0]!;
}

describe("the paired comparison over rounds", () => {
  it("sees a 5% slowdown through 40% drift that hits both versions alike, where an unpaired test cannot", () => {
    const [base, cand] = drifting(10, 1.05, 10);
    const aggregate = aggregateCampaign(
      identity(),
      { p95: LOWER },
      modeCells("node", { p95: base }, { p95: cand }),
      at(10),
    );
    const row = aggregate.modes[0]!.metrics[0]!;
    expect(mannWhitneyU(base, cand).p).toBeGreaterThan(0.3);
    expect(row.p_value).toBeCloseTo(2 / 1024, 12);
    expect(row.change?.estimate).toBeCloseTo(1.05, 2);
    expect(row.better_in).toBe(0);
    expect(row.worse_in).toBe(10);
    expect(row.verdict).toBe("regressed");
  });

  it("calls identical copies equivalent: the interval of the ratio lies inside the noise band", () => {
    const [base, cand] = drifting(10, 1.0, 10, 0.4, 0.01);
    const row = onlyRow({ p95: LOWER }, { p95: base }, { p95: cand }, at(10));
    expect(row.change!.ci!.lo).toBeGreaterThan(1 / 1.05);
    expect(row.change!.ci!.hi).toBeLessThan(1.05);
    expect(row.verdict).toBe("equivalent");
  });

  it("says inconclusive when the interval straddles the band, and estimates the rounds that would decide", () => {
    const base = ramp(10, 0, 8);
    const cand = [10.6, 9.7, 10.9, 9.9, 10.4, 10.8, 9.6, 10.5];
    const row = onlyRow({ p95: LOWER }, { p95: base }, { p95: cand }, at(8));
    expect(row.verdict).toBe("inconclusive");
    expect(row.more_rounds).toBeGreaterThan(0);
  });

  it("needs six paired rounds for a 95% interval: with five the verdict is too few rounds", () => {
    const [base, cand] = drifting(10, 1.5, 5);
    const row = onlyRow({ p95: LOWER }, { p95: base }, { p95: cand }, at(5), identity(["node"], 5));
    expect(row.change?.ci).toBeNull();
    expect(row.verdict).toBe("too few rounds");
  });

  it("compares differences where a value is zero, and calls rows equal in every round equivalent, outside any family", () => {
    const zeros = ramp(0, 0, 8);
    const aggregate = aggregateCampaign(
      identity(),
      { fail_rate: { direction: "lower", noise_band: 0, critical: true }, p95: { ...LOWER, critical: true } },
      modeCells("node", { fail_rate: zeros, p95: ramp(10, 1, 8) }, { fail_rate: zeros, p95: ramp(10, 1, 8) }),
      at(8),
    );
    const byName = (m: string) => aggregate.modes[0]!.metrics.find((r) => r.metric === m);
    const [failRate, p95] = [byName("fail_rate"), byName("p95")];
    expect(failRate).toMatchObject({
      verdict: "equivalent",
      family: null,
      change: { scale: "difference", estimate: 0 },
    });
    expect(p95).toMatchObject({ verdict: "equivalent", family: null });
    expect(aggregate.families.critical).toEqual([]);
    expect(aggregate.decided).toBe(true);
  });

  it("shows equivalence by two one-sided tests: five close rounds are equivalent before a 95% interval exists", () => {
    const [base, cand] = drifting(10, 1.0, 5, 0.4, 0.01);
    const row = onlyRow({ p95: LOWER }, { p95: base }, { p95: cand }, at(5), identity(["node"], 5));
    expect(row.change?.ci).toBeNull();
    expect(row.change?.equivalence_ci?.level).toBeCloseTo(0.9, 12);
    expect(row.verdict).toBe("equivalent");
  });

  it("compares a metric that is itself a ratio (fail_rate) as a difference, in percentage points", () => {
    const base = ramp(0.01, 0.001, 8);
    const cand = base.map((x) => x * 1.5);
    const row = aggregateCampaign(
      identity(),
      { fail_rate: { direction: "lower", noise_band: 0.005 } },
      modeCells("node", { fail_rate: base }, { fail_rate: cand }),
      at(8),
    ).modes[0]!.metrics[0]!;
    expect(row.change).toMatchObject({ scale: "difference", band: { lo: -0.005, hi: 0.005 } });
    expect(row.change!.estimate).toBeCloseTo(0.00675, 10);
  });

  it("uses one estimator for all rounds: the merged figures when any round lacks shared windows", () => {
    const [base, cand] = drifting(10, 1.05, 8);
    const cells = modeCells("node", { p95: base }, { p95: cand });
    // Windows that say 2x in every round but the first: taken alone they would move the estimate.
    const withWindows = cells.map((c) =>
      c.round === 1
        ? c
        : {
            ...c,
            windows: [0, 1].map((index) => ({
              index,
              latencyUs: { p50: 1, p95: c.version_slug === CAND ? 2000 : 1000 },
              othersCpus: null,
              machine: null,
            })),
          },
    );
    const row = aggregateCampaign(identity(), { p95: LOWER }, withWindows, at(8)).modes[0]!.metrics[0]!;
    expect(row.change!.estimate).toBeCloseTo(1.05, 2);
    const allWindowed = withWindows.map((c) =>
      c.round === 1 ? { ...c, windows: withWindows[1]!.windows } : c,
    );
    const windowedRow = aggregateCampaign(identity(), { p95: LOWER }, allWindowed, at(8)).modes[0]!
      .metrics[0]!;
    expect(windowedRow.change!.estimate).toBeGreaterThan(1.5);
  });

  it("turns higher-is-better around for throughput", () => {
    const [base, up] = drifting(1000, 1.2, 8);
    const row = onlyRow({ throughput: HIGHER }, { throughput: base }, { throughput: up }, at(8));
    expect(row.better_in).toBe(8);
    expect(row.verdict).toBe("improved");
  });
});

describe("families of comparisons", () => {
  const [b1, c1] = drifting(20, 1.1, 10);
  const [b2, c2] = drifting(30, 1.03, 10, 0.2, 0.04);
  const cells = modeCells(
    "node",
    { p95: b1, throughput: b2, p99: b1, heap_peak: b2 },
    { p95: c1, throughput: c2, p99: c1, heap_peak: c2 },
  );
  const specs = {
    p95: { ...LOWER, critical: true },
    throughput: { ...HIGHER, critical: true },
    p99: LOWER,
    heap_peak: LOWER,
  };
  const aggregate = aggregateCampaign(identity(), specs, cells, at(10));
  const rows = aggregate.modes[0]!.metrics;

  it("adjusts the critical metrics together, and the others apart", () => {
    const critical = rows.filter((r) => r.family === "critical");
    const other = rows.filter((r) => r.family === "secondary");
    expect(critical.map((r) => r.p_adjusted)).toEqual(holm(critical.map((r) => r.p_value!)));
    expect(other.map((r) => r.p_adjusted)).toEqual(holm(other.map((r) => r.p_value!)));
    expect(aggregate.families).toEqual({
      critical: ["node p95", "node throughput"],
      secondary: ["node p99", "node heap_peak"],
    });
  });

  it("lists the regressed critical metrics for the promotion gate", () => {
    expect(aggregate.regressions_in_critical.map((f) => f.metric)).toEqual(["p95"]);
  });

  it("calls a significant change whose interval reaches past the band a finding, though its estimate is inside it", () => {
    const throughput = rows.find((r) => r.metric === "throughput")!;
    expect(throughput.change!.estimate).toBeLessThan(1.05);
    expect(throughput.change!.ci!.hi).toBeGreaterThan(1.05);
    expect(throughput.verdict).toBe("improved");
  });
});

describe("looks of a campaign that stops when decided", () => {
  it("tests each look at its group-sequential level (Pocock-type spending), and uses it for intervals", () => {
    const looks = [10, 15, 20];
    const spent = groupSequentialLevels({ looks, alpha: 0.05, spending: "pocock" });
    const increments = alphaSpending({ looks, alpha: 0.05, spending: "pocock" });
    expect(lookAlpha({ rounds: 10, looks })).toBe(spent[0]);
    expect(lookAlpha({ rounds: 12, looks })).toBe(spent[1]);
    expect(lookAlpha({ rounds: 30, looks })).toBe(spent[2]);
    // Later looks test at more than their increment: reaching them means the earlier ones did not stop.
    expect(spent[2]).toBeGreaterThan(2 * increments[2]!);
    const [base, cand] = drifting(10, 1.3, 10);
    const row = onlyRow({ p95: LOWER }, { p95: base }, { p95: cand }, at(10, looks));
    expect(row.change?.ci?.level).toBeCloseTo(1 - spent[0]!, 12);
  });

  it("is decided when every critical metric is improved, regressed or equivalent", () => {
    const [base, cand] = drifting(10, 1.3, 10);
    const decided = aggregateCampaign(
      identity(),
      { p95: { ...LOWER, critical: true } },
      modeCells("node", { p95: base }, { p95: cand }),
      at(10),
    );
    expect(decided.decided).toBe(true);
    const noisy = modeCells(
      "node",
      { p95: ramp(10, 0, 8) },
      { p95: [10.6, 9.7, 10.9, 9.9, 10.4, 10.8, 9.6, 10.5] },
    );
    const open = aggregateCampaign(identity(), { p95: { ...LOWER, critical: true } }, noisy, at(8));
    expect(open.decided).toBe(false);
    expect(open.inconclusive_critical.map((f) => f.metric)).toEqual(["p95"]);
  });
});

describe("invalid runs", () => {
  const [b, c] = drifting(20, 0.8, 8);
  const cells: CellSummary[] = modeCells("node", { p95: b }, { p95: c });
  const broken = cells.find((cell) => cell.version_slug === CAND && cell.round === 3)!;
  Object.assign(broken, {
    valid: false,
    invalid_reasons: ["crashed: exit 137", "missing data: p95"],
    metrics: { p95: 900 },
  });
  const aggregate = aggregateCampaign(identity(), { p95: LOWER }, cells, at(8));
  const row = aggregate.modes[0]!.metrics[0]!;

  it("take their round out of the pairs, and out of every statistic", () => {
    expect(row.pairs).toBe(7);
    expect(row.candidate).toMatchObject({ n_valid: 7, n_invalid: 1 });
    expect(row.candidate.max).toBeLessThan(900);
  });

  it("are listed with their reasons, in a fixed order: mode, baseline first, round", () => {
    expect(aggregate.invalid_runs).toEqual([
      {
        version: CAND,
        mode: "node",
        round: 3,
        run_index: 2,
        reasons: ["crashed: exit 137", "missing data: p95"],
      },
    ]);
    const { identity: id, metrics, cells: fixture } = loadFixture();
    const more = fixture.map((cell) =>
      cell.round === 5 ? { ...cell, valid: false, invalid_reasons: ["r5"] } : cell,
    );
    const listed = aggregateCampaign(id, metrics, [...more].reverse(), at(5)).invalid_runs;
    expect(listed.map((r) => `${r.mode} ${r.version} ${r.round}`)).toEqual([
      `node ${id.baseline} 5`,
      `node ${id.candidate} 5`,
      `bun ${id.baseline} 5`,
      `bun ${id.candidate} 3`,
      `bun ${id.candidate} 5`,
    ]);
  });
});

describe("metric order", () => {
  it("is the COMPAT order, CPU per request, then the other specified metrics as given", () => {
    const specs = {
      rss_peak: LOWER,
      cpu_per_request: LOWER,
      gc_pause: LOWER,
      p50: LOWER,
      throughput: HIGHER,
      p95: LOWER,
    };
    const cells = modeCells("node", { p95: [1] }, { p95: [1] });
    const metrics = aggregateCampaign(identity(), specs, cells, at(1)).modes[0]?.metrics.map(
      (row) => row.metric,
    );
    expect(metrics).toEqual(["p95", "throughput", "gc_pause", "cpu_per_request", "rss_peak", "p50"]);
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
      aggregateCampaign(identity(), { p95: LOWER }, cells, at(2));
      expect.unreachable();
    } catch (error) {
      expect(isStagingError(error) && error.code).toBe("E_CAMPAIGN_CELL");
    }
  });
});
