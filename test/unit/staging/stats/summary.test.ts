import { describe, expect, it } from "vitest";
import { cv, max, mean, min, stddev } from "../../../../src/staging/stats/index.js";

describe("mean, min and max", () => {
  it("summarise a sample", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(min([3, -1, 2])).toBe(-1);
    expect(max([3, -1, 2])).toBe(3);
  });

  it("reject an empty sample", () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => min([])).toThrow(RangeError);
    expect(() => max([])).toThrow(RangeError);
  });
});

describe("stddev", () => {
  it("is the sample standard deviation with divisor n − 1", () => {
    expect(stddev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(stddev([5, 5, 5])).toBe(0);
  });

  it("is null for a single value", () => {
    expect(stddev([42])).toBeNull();
  });
});

describe("cv", () => {
  it("is stddev / mean", () => {
    expect(cv([9, 10, 11])).toBeCloseTo(0.1, 14);
  });

  it("is null when the mean is 0 or there are fewer than 2 values", () => {
    expect(cv([-1, 1])).toBeNull();
    expect(cv([3])).toBeNull();
  });
});
