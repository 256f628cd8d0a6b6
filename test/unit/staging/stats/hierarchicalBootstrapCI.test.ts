import { describe, expect, it } from "vitest";
import { hierarchicalBootstrapCI, mean, seededRandom } from "../../../../src/staging/stats/index.js";

/** The mean of the group means: each round weighs the same, whatever its number of windows. */
const meanOfMeans = (groups: readonly (readonly number[])[]): number => mean(groups.map((g) => mean(g)));

const rounds = [
  [1.02, 1.05, 0.99],
  [1.1, 1.12],
  [0.97, 0.95, 0.99, 0.98],
  [1.04, 1.01, 1.03],
  [1.08, 1.06, 1.11],
];

describe("hierarchicalBootstrapCI", () => {
  it("returns the same interval, bit for bit, for the same seed, and another for another seed", () => {
    const options = { seed: 11, resamples: 500, level: 0.9 };
    const first = hierarchicalBootstrapCI(rounds, meanOfMeans, options);
    expect(JSON.stringify(hierarchicalBootstrapCI(rounds, meanOfMeans, options))).toBe(JSON.stringify(first));
    expect(hierarchicalBootstrapCI(rounds, meanOfMeans, { ...options, seed: 12 })).not.toEqual(first);
    expect(first).toMatchInlineSnapshot(`
      {
        "estimate": 1.0425,
        "hi": 1.0834000000000001,
        "lo": 1.0033166666666666,
      }
    `);
  });

  it("reports the statistic of the original groups as the estimate, inside its interval", () => {
    const ci = hierarchicalBootstrapCI(rounds, meanOfMeans, { seed: 1, resamples: 400, level: 0.95 });
    expect(ci.estimate).toBe(meanOfMeans(rounds));
    expect(ci.lo).toBeLessThanOrEqual(ci.estimate);
    expect(ci.estimate).toBeLessThanOrEqual(ci.hi);
  });

  it("resamples rounds, then windows within each drawn round, keeping the shape", () => {
    const shapes = new Set<string>();
    hierarchicalBootstrapCI(
      rounds,
      (sample) => {
        shapes.add(sample.map((g) => g.length).join(","));
        expect(sample).toHaveLength(rounds.length);
        for (const group of sample) {
          const source = rounds.filter((r) => r.length === group.length);
          expect(source.some((r) => group.every((x) => r.includes(x)))).toBe(true);
        }
        return meanOfMeans(sample);
      },
      { seed: "shape", resamples: 200, level: 0.9 },
    );
    expect(shapes.size).toBeGreaterThan(1); // rounds of different sizes were drawn in different mixes
  });

  it("collapses to the single value when there is nothing to resample", () => {
    expect(hierarchicalBootstrapCI([[4.2]], meanOfMeans, { seed: 3, resamples: 50, level: 0.9 })).toEqual({
      estimate: 4.2,
      lo: 4.2,
      hi: 4.2,
    });
  });

  it("covers the true mean roughly at its level on simulated normal rounds (many fixed seeds)", () => {
    const random = seededRandom("bootstrap-coverage");
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const trials = 150;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      // 15 rounds with a round effect (sd 1) and 4 windows each (sd 0.5 within a round); true mean 0.
      const groups = Array.from({ length: 15 }, () => {
        const roundEffect = normal();
        return Array.from({ length: 4 }, () => roundEffect + 0.5 * normal());
      });
      const ci = hierarchicalBootstrapCI(groups, meanOfMeans, { seed: t, resamples: 300, level: 0.9 });
      if (ci.lo <= 0 && 0 <= ci.hi) covered++;
    }
    // Percentile intervals from 15 groups run a little short, resampling twice a little long; sd here ≈ 0.025.
    expect(covered / trials).toBeGreaterThan(0.75);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it("rejects empty groups, non-finite values, bad resample counts and levels, and a non-finite statistic", () => {
    const options = { seed: 1, resamples: 10, level: 0.9 };
    expect(() => hierarchicalBootstrapCI([], meanOfMeans, options)).toThrow(RangeError);
    expect(() => hierarchicalBootstrapCI([[1], []], meanOfMeans, options)).toThrow(/group 1/);
    expect(() => hierarchicalBootstrapCI([[1, NaN]], meanOfMeans, options)).toThrow(RangeError);
    expect(() => hierarchicalBootstrapCI(rounds, meanOfMeans, { ...options, resamples: 0 })).toThrow(
      RangeError,
    );
    expect(() => hierarchicalBootstrapCI(rounds, meanOfMeans, { ...options, resamples: 2.5 })).toThrow(
      RangeError,
    );
    expect(() => hierarchicalBootstrapCI(rounds, meanOfMeans, { ...options, level: 1 })).toThrow(RangeError);
    expect(() => hierarchicalBootstrapCI(rounds, () => NaN, options)).toThrow(/statistic gave NaN/);
  });
});
