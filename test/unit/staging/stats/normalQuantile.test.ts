import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../../../src/staging/stats/index.js";
import { normalSf } from "../../../../src/staging/stats/normal.js";

describe("normalQuantile", () => {
  it("inverts the normal distribution: Φ(Φ⁻¹(p)) = p, deep tails included", () => {
    for (const p of [1e-50, 1e-8, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975]) {
      expect(normalSf(-normalQuantile(p)) / p).toBeCloseTo(1, 13);
    }
    // At z ≈ −37 a relative error ε of z moves Φ by z²·ε ≈ 1400·ε: the round trip is good to 1e-12 there.
    expect(normalSf(-normalQuantile(1e-300)) / 1e-300).toBeCloseTo(1, 12);
  });

  it("is odd about ½ and knows its landmarks", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15);
    expect(normalQuantile(0.25)).toBe(-normalQuantile(0.75));
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});
