import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hodgesLehmann } from "../../../../src/staging/stats/index.js";

const sample = fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 15 });

describe("hodgesLehmann", () => {
  it("is the median of all differences b[j] − a[i]: positive when b is larger", () => {
    expect(hodgesLehmann([10, 11, 12], [15, 16, 17])).toBe(5);
    expect(hodgesLehmann([15, 16, 17], [10, 11, 12])).toBe(-5);
    expect(hodgesLehmann([1, 2], [3, 10])).toBe(5); // differences 2 1 9 8 → (2 + 8) / 2
  });

  it("recovers a pure shift exactly", () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: -50, max: 50 }), (a, shift) => {
        expect(
          hodgesLehmann(
            a,
            a.map((x) => x + shift),
          ),
        ).toBe(shift);
      }),
    );
  });

  it("changes sign when the samples are swapped", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        expect(hodgesLehmann(b, a)).toBe(-hodgesLehmann(a, b) + 0);
      }),
    );
  });

  it("rejects empty samples", () => {
    expect(() => hodgesLehmann([], [1])).toThrow(RangeError);
  });
});
