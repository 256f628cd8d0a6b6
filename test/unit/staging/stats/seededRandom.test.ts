import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../../src/staging/stats/index.js";

const draw = (seed: number | string, count: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
};

describe("seededRandom", () => {
  it("repeats its stream for a seed, and pins the first values (xoshiro128** seeded by cyrb128)", () => {
    expect(draw(1, 1000)).toEqual(draw(1, 1000));
    expect(draw(1, 3)).toEqual([0.5710183351620834, 0.6657183122331618, 0.9347557909891562]);
  });

  it("gives different streams for different seeds, and a number differs from its string", () => {
    expect(draw(1, 5)).not.toEqual(draw(2, 5));
    expect(draw(1, 5)).not.toEqual(draw("1", 5));
    expect(draw("campaign-a", 5)).not.toEqual(draw("campaign-b", 5));
  });

  it("stays in [0, 1) and is evenly spread over ten bins", () => {
    const values = draw("uniformity", 100_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const bins = new Array<number>(10).fill(0);
    for (const v of values) bins[Math.floor(v * 10)] = (bins[Math.floor(v * 10)] ?? 0) + 1;
    const chiSquare = bins.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(30); // 9 degrees of freedom: P(χ² > 30) ≈ 4e-4, and the seed is fixed
  });

  it("rejects a non-finite numeric seed", () => {
    expect(() => seededRandom(NaN)).toThrow(RangeError);
    expect(() => seededRandom(Infinity)).toThrow(RangeError);
  });
});
