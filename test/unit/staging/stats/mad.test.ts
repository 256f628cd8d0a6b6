import { describe, expect, it } from "vitest";
import { mad } from "../../../../src/staging/stats/index.js";

describe("mad", () => {
  it("is the median of the absolute deviations from the median, unmoved by an outlier", () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1); // deviations 2 1 0 1 97
    expect(mad([1, 2, 3, 4, 5])).toBe(1);
    expect(mad([7])).toBe(0);
  });

  it("estimates σ of normal data on the 'normal' scale (×1/Φ⁻¹(3/4) ≈ 1.4826)", () => {
    expect(mad([1, 2, 3, 4, 100], "normal")).toBeCloseTo(1.482602218505602, 14);
  });

  it("rejects an empty sample", () => {
    expect(() => mad([])).toThrow(RangeError);
  });
});
