import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alphaSpending } from "../../../../src/staging/stats/index.js";
import type { SpendingFunction } from "../../../../src/staging/stats/index.js";

const plans = fc
  .uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 })
  .map((looks) => looks.sort((a, b) => a - b));
const spendings = fc.constantFrom<SpendingFunction>("pocock", "obrien-fleming");
const alphas = fc.constantFrom(0.001, 0.01, 0.05, 0.1, 0.2);

describe("alphaSpending", () => {
  it("spends all of alpha at a single look", () => {
    expect(alphaSpending({ looks: [20], alpha: 0.05, spending: "pocock" })).toEqual([0.05]);
    expect(alphaSpending({ looks: [20], alpha: 0.05, spending: "obrien-fleming" })).toEqual([0.05]);
  });

  it("returns non-negative increments, one per look, that sum to alpha", () => {
    fc.assert(
      fc.property(plans, alphas, spendings, (looks, alpha, spending) => {
        const increments = alphaSpending({ looks, alpha, spending });
        expect(increments).toHaveLength(looks.length);
        expect(increments.every((x) => x >= 0)).toBe(true); // a very early O'Brien–Fleming look underflows to 0
        expect(increments.reduce((sum, x) => sum + x, 0)).toBeCloseTo(alpha, 15);
      }),
    );
  });

  it("depends only on the information fractions looks[k] / looks[last]", () => {
    const a = alphaSpending({ looks: [5, 10, 20], alpha: 0.05, spending: "obrien-fleming" });
    const b = alphaSpending({ looks: [1, 2, 4], alpha: 0.05, spending: "obrien-fleming" });
    a.forEach((x, k) => expect(x).toBeCloseTo(b[k] ?? NaN, 15));
  });

  it("keeps O'Brien–Fleming stingy early and Pocock nearly even", () => {
    const looks = [5, 10, 15, 20];
    const obf = alphaSpending({ looks, alpha: 0.05, spending: "obrien-fleming" });
    const pocock = alphaSpending({ looks, alpha: 0.05, spending: "pocock" });
    expect(obf[0]).toBeLessThan(1e-4); // 2 − 2Φ(1.96 · 2) ≈ 8.9e-5
    expect(obf[3]).toBeGreaterThan(0.025);
    expect(pocock[0]).toBeCloseTo(0.05 * Math.log(1 + (Math.E - 1) / 4), 15);
    expect(Math.max(...pocock) / Math.min(...pocock)).toBeLessThan(2.2);
  });

  it("rejects alpha outside (0, 1) and looks that are empty, non-positive or not increasing", () => {
    expect(() => alphaSpending({ looks: [10], alpha: 0, spending: "pocock" })).toThrow(RangeError);
    expect(() => alphaSpending({ looks: [10], alpha: 1, spending: "pocock" })).toThrow(RangeError);
    expect(() => alphaSpending({ looks: [], alpha: 0.05, spending: "pocock" })).toThrow(/no looks/);
    expect(() => alphaSpending({ looks: [0, 10], alpha: 0.05, spending: "pocock" })).toThrow(/look 0/);
    expect(() => alphaSpending({ looks: [10, 10], alpha: 0.05, spending: "pocock" })).toThrow(/look 1/);
    expect(() => alphaSpending({ looks: [10, NaN], alpha: 0.05, spending: "pocock" })).toThrow(RangeError);
  });
});
