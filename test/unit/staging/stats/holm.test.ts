import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holm } from "../../../../src/staging/stats/index.js";

const pValues = fc.array(
  fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, 0.05, 1)),
  {
    maxLength: 30,
  },
);

describe("holm", () => {
  it("multiplies the k-th smallest of m p-values by m − k + 1 and returns them in input order", () => {
    expect(holm([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
  });

  it("leaves a single p-value unchanged and an empty list empty", () => {
    expect(holm([0.3])).toEqual([0.3]);
    expect(holm([])).toEqual([]);
  });

  it("caps adjusted p-values at 1", () => {
    expect(holm([0.4, 0.6, 0.9])).toEqual([1, 1, 1]);
  });

  it("rejects values outside [0, 1]", () => {
    expect(() => holm([0.5, 1.5])).toThrow(RangeError);
    expect(() => holm([NaN])).toThrow(RangeError);
  });

  it("never lowers a p-value and never exceeds 1", () => {
    fc.assert(
      fc.property(pValues, (ps) =>
        holm(ps).every((adjusted, i) => adjusted >= (ps[i] ?? 2) && adjusted <= 1),
      ),
    );
  });

  it("is monotone: a smaller raw p-value never gets a larger adjusted one", () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const adjusted = holm(ps);
        return ps.every((p, i) => ps.every((q, j) => p > q || (adjusted[i] ?? 2) <= (adjusted[j] ?? -1)));
      }),
    );
  });

  it("does not depend on the order of the input", () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const reversed = holm([...ps].reverse()).reverse();
        expect(reversed).toEqual(holm(ps));
      }),
    );
  });
});
