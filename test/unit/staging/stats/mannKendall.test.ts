import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MANN_KENDALL_EXACT_MAX_N, mannKendall } from "../../../../src/staging/stats/index.js";

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const short = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 });
const series = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 40 });

describe("mannKendall", () => {
  it("scores a strictly rising series S = n(n−1)/2, τ = 1, with exact p = 2/n!", () => {
    for (let n = 2; n <= MANN_KENDALL_EXACT_MAX_N; n++) {
      const rising = Array.from({ length: n }, (_, i) => 100 + i * i);
      const result = mannKendall(rising);
      expect(result).toMatchObject({ s: (n * (n - 1)) / 2, tau: 1, method: "exact" });
      expect(result.p).toBeCloseTo(Math.min(1, 2 / factorial(n)), 15);
    }
  });

  it("flags a run warming up (falling times) and not a flat noisy one", () => {
    const warming = [130, 121, 112, 109, 104, 103, 101, 100, 101, 99, 100, 100];
    const flat = [100, 102, 99, 101, 100, 98, 102, 100, 99, 101, 100, 102];
    expect(mannKendall(warming)).toMatchObject({ method: "approx" });
    expect(mannKendall(warming).p).toBeLessThan(0.001);
    expect(mannKendall(warming).slope).toBeLessThan(0);
    expect(mannKendall(flat).p).toBeGreaterThan(0.5);
  });

  it("recovers the slope of a straight line exactly (Sen's slope)", () => {
    expect(mannKendall([3, 5, 7, 9, 11]).slope).toBe(2);
    expect(mannKendall([3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25]).slope).toBe(2);
  });

  it("gives τ = 0 and p = 1 when every value ties", () => {
    expect(mannKendall([4, 4, 4])).toEqual({ s: 0, tau: 0, p: 1, slope: 0, method: "exact" });
    expect(mannKendall(new Array<number>(30).fill(4))).toMatchObject({
      s: 0,
      tau: 0,
      p: 1,
      method: "approx",
    });
  });

  it("matches enumeration of every ordering of the values for short series, ties included", () => {
    fc.assert(
      fc.property(short, (values) => {
        expect(mannKendall(values).p).toBeCloseTo(enumerateP(values), 14);
      }),
    );
  });

  it("turns S and τ around and keeps p when the series is reversed", () => {
    fc.assert(
      fc.property(series, (values) => {
        const forward = mannKendall(values);
        const backward = mannKendall([...values].reverse());
        expect(backward.s + forward.s).toBe(0);
        expect(backward.tau).toBeCloseTo(-forward.tau, 14);
        expect(backward.p).toBeCloseTo(forward.p, 14);
      }),
    );
  });

  it("needs at least two finite values", () => {
    expect(() => mannKendall([1])).toThrow(RangeError);
    expect(() => mannKendall([])).toThrow(RangeError);
    expect(() => mannKendall([1, NaN])).toThrow(RangeError);
  });
});

/** P(|S| ≥ |s|) over all n! orderings (tied values make equally likely duplicates). */
function enumerateP(values: readonly number[]): number {
  const s = (x: readonly number[]) => {
    let total = 0;
    for (let i = 0; i < x.length; i++)
      for (let j = i + 1; j < x.length; j++) total += Math.sign((x[j] ?? 0) - (x[i] ?? 0));
    return total;
  };
  const observed = Math.abs(s(values));
  let extreme = 0;
  let total = 0;
  const permute = (rest: number[], prefix: number[]): void => {
    if (rest.length === 0) {
      total++;
      if (Math.abs(s(prefix)) >= observed) extreme++;
      return;
    }
    rest.forEach((x, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, x]));
  };
  permute([...values], []);
  return extreme / total;
}
