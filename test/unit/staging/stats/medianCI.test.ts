import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, medianCI } from "../../../../src/staging/stats/index.js";

const runs = (n: number) => Array.from({ length: n }, (_, i) => n - i); // n, n−1, …, 1

describe("medianCI", () => {
  it("returns null (too few runs) below 6 runs at the default 95% confidence", () => {
    for (let n = 1; n <= 5; n++) expect(medianCI(runs(n))).toBeNull();
    expect(medianCI(runs(6))).not.toBeNull();
  });

  it("needs 5 runs at 90% and 8 runs at 99%: the smallest n with 1 − 2^(1−n) ≥ confidence", () => {
    expect(medianCI(runs(4), 0.9)).toBeNull();
    expect(medianCI(runs(5), 0.9)).not.toBeNull();
    expect(medianCI(runs(7), 0.99)).toBeNull();
    expect(medianCI(runs(8), 0.99)).not.toBeNull();
  });

  it("uses the extreme runs when that is the only pair reaching the confidence", () => {
    expect(medianCI([3, 1, 4, 1.5, 9, 2.6])).toEqual({
      lo: 1,
      hi: 9,
      confidence: 0.95,
      coverage: 1 - 2 / 64,
    });
  });

  it("takes the narrowest symmetric pair (x(j), x(n−j+1)) whose binomial coverage reaches the confidence", () => {
    // n = 10: j = 2 covers 1 − 2·11/1024 ≈ 0.9785; j = 3 would cover 1 − 2·56/1024 ≈ 0.8906 < 0.95.
    expect(medianCI(runs(10))).toEqual({ lo: 2, hi: 9, confidence: 0.95, coverage: 1 - 22 / 1024 });
    expect(medianCI(runs(10), 0.8)).toMatchObject({ lo: 3, hi: 8 });
  });

  it("reaches a dyadic confidence exactly: n = 3 gives coverage 0.75", () => {
    expect(medianCI([1, 2, 3], 0.75)).toEqual({ lo: 1, hi: 3, confidence: 0.75, coverage: 0.75 });
  });

  it("works for thousands of runs without underflow", () => {
    const ci = medianCI(runs(5000));
    expect(ci).not.toBeNull();
    expect(ci?.lo).toBeGreaterThan(2400);
    expect(ci?.hi).toBeLessThan(2600);
    expect(ci?.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it("always brackets the sample median, with coverage ≥ confidence", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (values, confidence) => {
          const ci = medianCI(values, confidence);
          if (ci === null) return values.length < 8;
          const m = median(values);
          return ci.lo <= m && m <= ci.hi && ci.coverage >= confidence && ci.coverage <= 1;
        },
      ),
    );
  });

  it("rejects a confidence outside (0, 1) and an empty sample", () => {
    expect(() => medianCI(runs(10), 1)).toThrow(RangeError);
    expect(() => medianCI(runs(10), 0)).toThrow(RangeError);
    expect(() => medianCI([])).toThrow(RangeError);
  });
});
