import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MANN_WHITNEY_EXACT_MAX_N, mannWhitneyU } from "../../../../src/staging/stats/index.js";

const small = fc.array(fc.integer({ min: -15, max: 15 }), { minLength: 1, maxLength: 20 });
const anySize = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 40 });
const samples = fc.oneof(fc.tuple(small, small), fc.tuple(anySize, anySize));

describe("mannWhitneyU", () => {
  it("returns p = 1 for identical samples, tied or not, exact or normal", () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])).toEqual({ u: 4.5, p: 1, method: "exact" });
    expect(mannWhitneyU([1, 2, 3, 4], [1, 2, 3, 4]).p).toBe(1);
    const big = Array.from({ length: 40 }, (_, i) => i % 7);
    expect(mannWhitneyU(big, big)).toMatchObject({ p: 1, method: "normal" });
    expect(mannWhitneyU(Array<number>(30).fill(2), Array<number>(30).fill(2)).p).toBe(1);
  });

  it("handles samples of a single value: 1 vs 1 can never be significant", () => {
    expect(mannWhitneyU([1], [2])).toEqual({ u: 0, p: 1, method: "exact" });
    expect(mannWhitneyU([10], [1, 2, 3, 4, 5])).toEqual({ u: 5, p: 1 / 3, method: "exact" });
  });

  it("reports U of the first sample: pairs where a wins, ties counting one half", () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).u).toBe(0);
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3]).u).toBe(9);
    expect(mannWhitneyU([1, 2, 2], [2, 3]).u).toBe(1);
  });

  it("gives the exact two-sided p of complete separation: 2 / C(n1 + n2, n1)", () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(2 / 20, 15);
    const a = Array.from({ length: 25 }, (_, i) => i);
    const b = a.map((x) => x + 25);
    expect(mannWhitneyU(a, b).p / (2 / 126410606437752)).toBeCloseTo(1, 12);
  });

  it("is exact up to 50 pooled values and uses the normal approximation beyond", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => i % 9);
    expect(MANN_WHITNEY_EXACT_MAX_N).toBe(50);
    expect(mannWhitneyU(values(20), values(30)).method).toBe("exact");
    expect(mannWhitneyU(values(20), values(31)).method).toBe("normal");
  });

  it("rejects empty samples and non-finite values", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1], [NaN])).toThrow(RangeError);
  });

  it("matches brute-force enumeration of every split of the pooled midranks for small samples", () => {
    const tiny = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(tiny, tiny, (a, b) => {
        expect(mannWhitneyU(a, b).p).toBeCloseTo(bruteForceP(a, b), 14);
      }),
    );
  });

  it("always returns a p-value in [0, 1] and U in [0, n1·n2]", () => {
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const { u, p } = mannWhitneyU(a, b);
        return p >= 0 && p <= 1 && u >= 0 && u <= a.length * b.length;
      }),
    );
  });

  it("is symmetric in swapping the two samples: same p, and U becomes n1·n2 − U", () => {
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const ab = mannWhitneyU(a, b);
        const ba = mannWhitneyU(b, a);
        expect(ba.p).toBeCloseTo(ab.p, 12);
        expect(ba.u).toBe(a.length * b.length - ab.u);
      }),
    );
  });

  it("depends only on ranks: strictly increasing transforms of the pooled data change nothing", () => {
    const transforms = [(x: number) => 3 * x + 7, (x: number) => Math.exp(x / 10), (x: number) => x ** 3];
    fc.assert(
      fc.property(samples, fc.constantFrom(...transforms), ([a, b], f) => {
        expect(mannWhitneyU(a.map(f), b.map(f))).toEqual(mannWhitneyU(a, b));
      }),
    );
  });

  it("keeps p under a strictly decreasing transform, which turns U into n1·n2 − U", () => {
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const flipped = mannWhitneyU(
          a.map((x) => -2 * x),
          b.map((x) => -2 * x),
        );
        const original = mannWhitneyU(a, b);
        expect(flipped.p).toBeCloseTo(original.p, 12);
        expect(flipped.u).toBe(a.length * b.length - original.u);
      }),
    );
  });
});

/** P(|U − n1·n2/2| ≥ |u − n1·n2/2|) by listing all C(n1 + n2, n1) ways to choose the first sample. */
function bruteForceP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const uOf = (chosen: number[]) => {
    let u = 0;
    pooled.forEach((x, i) => {
      if (!chosen.includes(i)) return;
      pooled.forEach((y, j) => {
        if (!chosen.includes(j)) u += x > y ? 1 : x === y ? 0.5 : 0;
      });
    });
    return u;
  };
  const center = (a.length * b.length) / 2;
  const observed = Math.abs(uOf(a.map((_, i) => i)) - center);
  let extreme = 0;
  let total = 0;
  const visit = (start: number, chosen: number[]): void => {
    if (chosen.length === a.length) {
      total++;
      if (Math.abs(uOf(chosen) - center) >= observed) extreme++;
      return;
    }
    for (let i = start; i < pooled.length; i++) visit(i + 1, [...chosen, i]);
  };
  visit(0, []);
  return extreme / total;
}
