import { afterAll, describe, expect, it } from "vitest";
import {
  alphaSpending,
  groupSequentialLevels,
  hierarchicalBootstrapCI,
  mad,
  mannKendall,
  normalQuantile,
  pairedHodgesLehmann,
  roundsNeeded,
  seededRandom,
  wilcoxonSignedRank,
} from "../../../../src/staging/stats/index.js";
import { ErrorLog, pairedReference as reference } from "./pairedReference.js";

const log = new ErrorLog();

afterAll(() => {
  // The figures quoted when these functions are reviewed: the largest relative error per kind of check.
  const lines = [...log.worst].map(([kind, error]) => `  ${kind}: ${error.toExponential(2)}`);
  process.stdout.write(`largest relative error against the Python reference\n${lines.join("\n")}\n`);
});

describe("agreement with the independent Python reference (scripts/stats/generate-paired-reference.py)", () => {
  it("covers ties, zeros, every exact size and the approximation", () => {
    const cases = reference.wilcoxonSignedRank;
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const exactSizes = new Set(cases.filter((c) => c.expected.method === "exact").map((c) => c.expected.n));
    expect(exactSizes.size).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.expected.method === "exact" && c.ties && c.expected.n === 50)).toBe(true);
    expect(cases.filter((c) => c.ties && c.zeros > 0).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.expected.method === "approx").length).toBeGreaterThanOrEqual(10);
    expect(reference.pairedHodgesLehmann.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(reference.wilcoxonSignedRank)("Wilcoxon signed-rank: $name", (c) => {
    it(`gives the reference statistic, n, method and p (${c.zeroMethod}, ${c.alternative}; ${c.checks.join(", ")})`, () => {
      const result = wilcoxonSignedRank(c.d, {
        zeroMethod: c.zeroMethod,
        alternative: c.alternative,
        method: c.method,
      });
      expect(result).toMatchObject({
        statistic: c.expected.statistic,
        n: c.expected.n,
        method: c.expected.method,
      });
      const kind = `signed-rank p (${c.expected.method}${c.ties ? ", ties" : ""})`;
      expect(log.relative(kind, result.p, c.expected.p)).toBeLessThanOrEqual(
        c.expected.method === "exact" ? 1e-12 : 1e-9,
      );
    });
  });

  describe.each(reference.pairedHodgesLehmann)("paired Hodges–Lehmann: $name", (c) => {
    it(`gives the reference estimate and interval (${c.check})`, () => {
      const result = pairedHodgesLehmann(c.d, c.level);
      if (c.expected === null) {
        expect(result).toBeNull();
        return;
      }
      expect(result).not.toBeNull();
      expect(result?.lo).toBe(c.expected.lo);
      expect(result?.hi).toBe(c.expected.hi);
      expect(
        log.relative("Hodges–Lehmann estimate", result?.estimate ?? NaN, c.expected.estimate),
      ).toBeLessThanOrEqual(1e-15);
      expect(
        log.relative("Hodges–Lehmann coverage", result?.coverage ?? NaN, c.expected.coverage),
      ).toBeLessThanOrEqual(1e-12);
    });
  });

  describe.each(reference.mannKendall)("Mann–Kendall: $name", (c) => {
    it(`gives the reference S, τ_b, p and Sen's slope (${c.checks.join(", ")})`, () => {
      const result = mannKendall(c.values);
      expect(result.s).toBe(c.expected.s);
      expect(result.method).toBe(c.expected.method);
      expect(log.relative("Kendall τ_b", result.tau, c.expected.tau)).toBeLessThanOrEqual(1e-13);
      expect(
        log.relative(`Mann–Kendall p (${c.expected.method})`, result.p, c.expected.p),
      ).toBeLessThanOrEqual(c.expected.method === "exact" ? 1e-12 : 1e-9);
      expect(log.relative("Sen's slope", result.slope, c.expected.slope)).toBeLessThanOrEqual(1e-13);
    });
  });

  it("evaluates the normal quantile like scipy.stats.norm.ppf, deep tails included", () => {
    for (const [p, z] of reference.normalQuantile) {
      expect(log.relative("normal quantile", normalQuantile(p), z), `p = ${p}`).toBeLessThanOrEqual(1e-14);
    }
  });

  it("spends alpha like the Lan–DeMets functions evaluated with scipy.stats.norm", () => {
    for (const c of reference.alphaSpending) {
      const increments = alphaSpending({ looks: c.looks, alpha: c.alpha, spending: c.spending });
      expect(increments).toHaveLength(c.increments.length);
      increments.forEach((value, k) => {
        const expected = c.increments[k] ?? NaN;
        expect(
          log.relative("alpha spending increment", value, expected),
          `${c.spending} ${c.looks.join(",")}`,
        ).toBeLessThanOrEqual(1e-12);
      });
    }
  });

  it("sets each look's level like the boundaries solved on scipy's multivariate normal (Genz)", () => {
    for (const c of reference.groupSequentialLevels) {
      const levels = groupSequentialLevels({ looks: c.looks, alpha: c.alpha, spending: c.spending });
      expect(levels).toHaveLength(c.levels.length);
      levels.forEach((value, k) => {
        const expected = c.levels[k] ?? NaN;
        // Genz's integration is itself good to about 1e-6 at these settings: the check is absolute.
        expect(
          Math.abs(value - expected),
          `${c.spending} ${c.alpha} ${c.looks.join(",")} look ${k}: ${value} vs ${expected}`,
        ).toBeLessThanOrEqual(2e-5);
        log.relative("group-sequential level", value, expected);
      });
    }
  });

  it("plans the same round counts as a plain scan over n of the documented criteria", () => {
    for (const c of reference.roundsNeeded) {
      const { expected, ...options } = c;
      expect(roundsNeeded(options), JSON.stringify(options)).toEqual(expected);
    }
  });

  it("computes the MAD like scipy.stats.median_abs_deviation (scale 1 and 'normal')", () => {
    for (const c of reference.mad) {
      expect(mad(c.values)).toBe(c.raw);
      expect(log.relative("MAD, normal scale", mad(c.values, "normal"), c.normal)).toBeLessThanOrEqual(1e-15);
    }
  });

  it("draws the same numbers as a second implementation of the generator, bit for bit", () => {
    for (const c of reference.seededRandom) {
      const random = seededRandom(c.seed);
      expect(
        c.first.map(() => random()),
        `seed ${JSON.stringify(c.seed)}`,
      ).toEqual(c.first);
    }
  });

  it("resamples exactly like a second implementation of the hierarchical bootstrap", () => {
    const flatMean = (groups: readonly (readonly number[])[]): number => {
      let total = 0;
      let count = 0;
      for (const group of groups) {
        for (const x of group) {
          total += x;
          count++;
        }
      }
      return total / count;
    };
    for (const c of reference.hierarchicalBootstrap) {
      const result = hierarchicalBootstrapCI(c.groups, flatMean, {
        seed: c.seed,
        resamples: c.resamples,
        level: c.level,
      });
      expect(result).toEqual(c.expected);
    }
  });
});
