import { describe, expect, it } from "vitest";
import { minAchievableP } from "../../../../src/staging/report/index.js";
import { runsNeeded } from "../../../../src/staging/report/runsNeeded.js";

describe("minAchievableP", () => {
  it("is 2 / C(n1 + n2, n1) for the exact test", () => {
    expect(minAchievableP(3, 3)).toBeCloseTo(0.1, 14);
    expect(minAchievableP(4, 4)).toBeCloseTo(2 / 70, 14);
    expect(minAchievableP(3, 4)).toBeCloseTo(2 / 35, 14);
    expect(minAchievableP(5, 5)).toBeCloseTo(2 / 252, 14);
    expect(minAchievableP(5, 4)).toBeCloseTo(2 / 126, 14);
    expect(minAchievableP(10, 10)).toBeCloseTo(2 / 184756, 14);
  });

  it("is 1 with an empty side or one value each", () => {
    expect(minAchievableP(0, 5)).toBe(1);
    expect(minAchievableP(1, 1)).toBe(1);
  });
});

describe("runsNeeded", () => {
  it("grows with the number of Holm-adjusted comparisons", () => {
    expect([1, 2, 6, 7, 12, 23, 24, 85, 86].map((m) => runsNeeded(m, 0.05))).toEqual([
      4, 5, 5, 6, 6, 6, 7, 7, 8,
    ]);
  });
});
