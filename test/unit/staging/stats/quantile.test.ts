import { describe, expect, it } from "vitest";
import { median, quantile } from "../../../../src/staging/stats/index.js";

describe("quantile (Hyndman–Fan type 7, numpy's default)", () => {
  it("interpolates linearly at h = (n − 1)·p between order statistics", () => {
    const values = [40, 10, 30, 20]; // sorted: 10 20 30 40
    expect(quantile(values, 0)).toBe(10);
    expect(quantile(values, 0.25)).toBe(17.5); // h = 0.75
    expect(quantile(values, 0.5)).toBe(25); // h = 1.5
    expect(quantile(values, 0.75)).toBe(32.5); // h = 2.25
    expect(quantile(values, 0.9)).toBeCloseTo(37, 12); // h = 2.7
    expect(quantile(values, 1)).toBe(40);
  });

  it("hits an order statistic exactly when h is an integer", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5], 0.75)).toBe(4);
  });

  it("returns the only value of a one-element sample for every p", () => {
    for (const p of [0, 0.3, 1]) expect(quantile([7], p)).toBe(7);
  });

  it("rejects p outside [0, 1] and empty or non-finite samples", () => {
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.1)).toThrow(RangeError);
    expect(() => quantile([1, 2], NaN)).toThrow(RangeError);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, Infinity], 0.5)).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("median", () => {
  it("is the middle value for odd n and the mean of the two middle values for even n", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it("agrees with quantile(values, 0.5)", () => {
    expect(median([1, 2, 4, 8, 16, 32])).toBe(quantile([1, 2, 4, 8, 16, 32], 0.5));
  });
});
