import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  pairedHodgesLehmann,
  seededRandom,
  wilcoxonSignedRank,
} from "../../../../src/staging/stats/index.js";

const distinct = fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 14 }).map(
  (xs) => xs.map((x) => x / 7 + Math.SQRT2 * 1e-6 * x * x), // no two sums dᵢ + dⱼ coincide
);

describe("pairedHodgesLehmann", () => {
  it("estimates the shift as the median of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j", () => {
    // Walsh averages of 1 2 9: 1 1.5 5 2 5.5 9 → median (2 + 5) / 2
    expect(pairedHodgesLehmann([1, 2, 9], 0.5)?.estimate).toBe(3.5);
  });

  it("gives no interval when even the widest one falls short: n < 6 at 95%, n < 8 at 99%", () => {
    const d = [0.1, 0.3, -0.2, 0.25, 0.05, 0.15, 0.2, 0.12];
    expect(pairedHodgesLehmann(d.slice(0, 5))).toBeNull();
    expect(pairedHodgesLehmann(d.slice(0, 6))).toMatchObject({ lo: -0.2, hi: 0.3, coverage: 1 - 2 ** -5 });
    expect(pairedHodgesLehmann(d.slice(0, 7), 0.99)).toBeNull();
    expect(pairedHodgesLehmann(d.slice(0, 8), 0.99)).not.toBeNull();
  });

  it("is the set of shifts θ that the exact signed-rank test does not reject for d − θ", () => {
    fc.assert(
      fc.property(distinct, fc.constantFrom(0.5, 0.8, 0.9, 0.95), (d, level) => {
        expect(pairedHodgesLehmann(d, level)).toEqual(invertTest(d, level));
      }),
    );
  });

  it("moves with a shift of the data and keeps coverage ≥ level around its estimate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 6, maxLength: 30 }),
        fc.integer({ min: -20, max: 20 }),
        (d, shift) => {
          const ci = pairedHodgesLehmann(d);
          const moved = pairedHodgesLehmann(d.map((x) => x + shift));
          expect(ci).not.toBeNull();
          expect(moved).toEqual({
            ...ci,
            estimate: (ci?.estimate ?? 0) + shift,
            lo: (ci?.lo ?? 0) + shift,
            hi: (ci?.hi ?? 0) + shift,
          });
          expect(ci?.coverage).toBeGreaterThanOrEqual(0.95);
          expect(ci?.lo).toBeLessThanOrEqual(ci?.estimate ?? NaN);
          expect(ci?.estimate).toBeLessThanOrEqual(ci?.hi ?? NaN);
        },
      ),
    );
  });

  it("covers the true shift about as often as it promises (simulated normal rounds, fixed seeds)", () => {
    const random = seededRandom("paired-hl-coverage");
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let covered = 0;
    let promised = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const d = Array.from({ length: 12 }, () => 0.1 + 0.05 * normal());
      const ci = pairedHodgesLehmann(d, 0.9);
      if (ci !== null && ci.lo <= 0.1 && 0.1 <= ci.hi) covered++;
      promised += ci?.coverage ?? 0;
    }
    // Binomial sd at ~0.9 over 400 trials is 0.015: five of them either way.
    expect(covered / trials).toBeGreaterThan(promised / trials - 0.075);
    expect(covered / trials).toBeLessThan(promised / trials + 0.075);
  });

  it("rejects a level outside (0, 1) and empty or non-finite samples", () => {
    expect(() => pairedHodgesLehmann([1, 2, 3], 1)).toThrow(RangeError);
    expect(() => pairedHodgesLehmann([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => pairedHodgesLehmann([])).toThrow(RangeError);
    expect(() => pairedHodgesLehmann([1, NaN])).toThrow(RangeError);
  });
});

/** Brute-force inversion: one θ inside every gap between the distinct Walsh averages, accepted when p > 1 − level. */
function invertTest(d: readonly number[], level: number): ReturnType<typeof pairedHodgesLehmann> {
  const walsh: number[] = [];
  d.forEach((x, i) => d.slice(i).forEach((y) => walsh.push((x + y) / 2)));
  walsh.sort((a, b) => a - b);
  const points = [...new Set(walsh)];
  const first = points[0] ?? 0;
  const last = points[points.length - 1] ?? 0;
  const gaps = [first - 1, ...points.slice(1).map((b, i) => ((points[i] ?? 0) + b) / 2), last + 1];
  const p = gaps.map(
    (theta) =>
      wilcoxonSignedRank(
        d.map((x) => x - theta),
        { method: "exact" },
      ).p,
  );
  const accepted = p.flatMap((value, i) => (value > 1 - level + 1e-12 ? [i] : []));
  const lo = accepted[0] ?? 0;
  const hi = accepted[accepted.length - 1] ?? 0;
  if (lo === 0 || hi === gaps.length - 1) return null;
  const mid = walsh.length / 2;
  const estimate =
    walsh.length % 2 ? (walsh[Math.floor(mid)] ?? 0) : ((walsh[mid - 1] ?? 0) + (walsh[mid] ?? 0)) / 2;
  return { estimate, lo: points[lo - 1] ?? NaN, hi: points[hi] ?? NaN, coverage: 1 - (p[lo - 1] ?? NaN) };
}
