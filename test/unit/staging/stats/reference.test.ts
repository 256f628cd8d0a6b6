import { describe, expect, it } from "vitest";
import {
  cv,
  hodgesLehmann,
  holm,
  mannWhitneyU,
  max,
  mean,
  median,
  medianCI,
  min,
  quantile,
  stddev,
} from "../../../../src/staging/stats/index.js";
import { erfc } from "../../../../src/staging/stats/normal.js";
import { reference, relativeError } from "./reference.js";

describe("agreement with the independent Python reference (scripts/stats/generate-reference.py)", () => {
  it("covers at least 50 Mann–Whitney cases, exact ones up to n1 + n2 = 50 and normal ones beyond", () => {
    const cases = reference.mannWhitneyU;
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(cases.some((c) => c.method === "exact" && c.ties && c.a.length + c.b.length === 50)).toBe(true);
    expect(cases.filter((c) => c.method === "normal").length).toBeGreaterThanOrEqual(5);
  });

  describe.each(reference.mannWhitneyU)("Mann–Whitney U: $name", (c) => {
    it(`gives the reference U, method and p-value (${c.method}, ties: ${c.ties})`, () => {
      const result = mannWhitneyU(c.a, c.b);
      expect(result.method).toBe(c.method);
      expect(result.u).toBe(c.u);
      expect(relativeError(result.p, c.p)).toBeLessThanOrEqual(c.method === "exact" ? 1e-9 : 1e-6);
    });
  });

  it("picks the same order statistics and coverage for the median CI as scipy.stats.binom", () => {
    for (const c of reference.medianCI) {
      const values = c.values ?? Array.from({ length: c.n }, (_, i) => c.n - i);
      const ci = medianCI(values, c.confidence);
      if (c.expected === null) {
        expect(ci, `n=${c.n} confidence=${c.confidence}`).toBeNull();
        continue;
      }
      expect(ci, `n=${c.n} confidence=${c.confidence}`).toMatchObject({
        lo: c.values ? c.expected.lo : c.expected.j,
        hi: c.values ? c.expected.hi : c.n - c.expected.j + 1,
        confidence: c.confidence,
      });
      expect(relativeError(ci?.coverage ?? NaN, c.expected.coverage)).toBeLessThanOrEqual(1e-9);
    }
  });

  it("adjusts p-values exactly like the textbook Holm procedure", () => {
    for (const c of reference.holm) {
      const adjusted = holm(c.p);
      expect(adjusted).toHaveLength(c.adjusted.length);
      adjusted.forEach((p, i) => expect(relativeError(p, c.adjusted[i] ?? NaN)).toBeLessThanOrEqual(1e-12));
    }
  });

  it("computes quantiles like numpy.quantile (type 7) and median, mean, min, max, stddev, cv like numpy", () => {
    for (const c of reference.summary) {
      for (const [p, q] of c.quantiles)
        expect(relativeError(quantile(c.values, p), q)).toBeLessThanOrEqual(1e-12);
      expect(median(c.values)).toBe(c.median);
      expect(relativeError(mean(c.values), c.mean)).toBeLessThanOrEqual(1e-12);
      expect(min(c.values)).toBe(c.min);
      expect(max(c.values)).toBe(c.max);
      expectNullableClose(stddev(c.values), c.stddev);
      expectNullableClose(cv(c.values), c.cv);
    }
  });

  it("estimates the Hodges–Lehmann shift as numpy's median of b[j] − a[i]", () => {
    for (const c of reference.hodgesLehmann) {
      expect(relativeError(hodgesLehmann(c.a, c.b), c.shift)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("evaluates erfc like scipy.special.erfc to 1e-13 relative, tails included", () => {
    for (const [x, expected] of reference.erfc)
      expect(relativeError(erfc(x), expected)).toBeLessThanOrEqual(1e-13);
  });
});

function expectNullableClose(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(relativeError(actual ?? NaN, expected)).toBeLessThanOrEqual(1e-12);
}
