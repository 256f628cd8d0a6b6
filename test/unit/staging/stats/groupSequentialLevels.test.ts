import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alphaSpending, groupSequentialLevels } from "../../../../src/staging/stats/index.js";
import type { SpendingFunction } from "../../../../src/staging/stats/index.js";

const plans = fc
  .uniqueArray(fc.integer({ min: 2, max: 60 }), { minLength: 1, maxLength: 5 })
  .map((looks) => looks.sort((a, b) => a - b));
const spendings = fc.constantFrom<SpendingFunction>("pocock", "obrien-fleming");
const alphas = fc.constantFrom(0.01, 0.05, 0.1);

describe("groupSequentialLevels", () => {
  it("tests at alpha itself when there is a single look", () => {
    expect(groupSequentialLevels({ looks: [20], alpha: 0.05, spending: "pocock" })).toEqual([0.05]);
  });

  it("tests the first look at its increment, and every later look at no less than its increment", () => {
    fc.assert(
      fc.property(plans, alphas, spendings, (looks, alpha, spending) => {
        const levels = groupSequentialLevels({ looks, alpha, spending });
        const increments = alphaSpending({ looks, alpha, spending });
        expect(levels).toHaveLength(looks.length);
        expect(levels[0]).toBe(increments[0]);
        levels.forEach((level, k) => {
          expect(level).toBeGreaterThanOrEqual((increments[k] ?? NaN) * (1 - 1e-9));
          // At most alpha, but for the integration's rounding (a zero first increment leaves the last look at alpha itself).
          expect(level).toBeLessThanOrEqual(alpha * (1 + 1e-9));
        });
      }),
      { numRuns: 30 },
    );
  });

  it("spends no more than alpha over the looks: a simulated Brownian motion crosses at rate alpha", () => {
    // The levels' defining property, checked without the integration that computes them.
    const looks = [6, 8, 10, 12];
    const levels = groupSequentialLevels({ looks, alpha: 0.05, spending: "pocock" });
    const bounds = levels.map((p) => zFor(p));
    let state = 0x9e3779b9;
    const uniform = () => {
      state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return (state + 0.5) / 2 ** 32;
    };
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let crossed = 0;
    const trials = 40_000;
    for (let t = 0; t < trials; t++) {
      let sum = 0;
      let at = 0;
      for (const [k, look] of looks.entries()) {
        for (; at < look; at++) sum += normal();
        if (Math.abs(sum / Math.sqrt(look)) >= bounds[k]!) {
          crossed++;
          break;
        }
      }
    }
    // 0.05 ± 4 standard errors of a rate over 40,000 trials.
    expect(Math.abs(crossed / trials - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / trials));
  });
});

/** The two-sided critical value of level p, by bisection on the complementary error function. */
function zFor(p: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (2 * tail(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** 1 − Φ(z) by Simpson's rule from z to z + 12. */
function tail(z: number): number {
  const n = 2000;
  const h = 12 / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const x = z + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    s += w * Math.exp((-x * x) / 2);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}
