import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mannWhitneyU,
  SIGNED_RANK_EXACT_MAX_N,
  signedRankMinP,
  wilcoxonSignedRank,
} from "../../../../src/staging/stats/index.js";
import type { Alternative, ZeroMethod } from "../../../../src/staging/stats/index.js";

const zeroMethods: ZeroMethod[] = ["wilcox", "pratt", "zsplit"];
const alternatives: Alternative[] = ["two-sided", "greater", "less"];
const tiny = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 10 });
const differences = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 40 });
const options = fc.record({
  zeroMethod: fc.constantFrom(...zeroMethods),
  alternative: fc.constantFrom(...alternatives),
});

describe("wilcoxonSignedRank", () => {
  it("reports min(R+, R−) two-sided and R+ one-sided, with midranks for ties", () => {
    // |d| = 1 1 2 3 → midranks 1.5 1.5 3 4; R+ = 1.5 + 3 + 4 = 8.5, R− = 1.5
    expect(wilcoxonSignedRank([1, -1, 2, 3])).toMatchObject({ statistic: 1.5, n: 4, method: "exact" });
    expect(wilcoxonSignedRank([1, -1, 2, 3], { alternative: "greater" }).statistic).toBe(8.5);
  });

  it("drops zeros (wilcox), ranks then drops them (pratt), or splits their ranks (zsplit)", () => {
    const d = [0, 2, -3, 4];
    expect(wilcoxonSignedRank(d).statistic).toBe(2); // ranks 1 2 3 among the non-zero: R− = 2, R+ = 1 + 3
    expect(wilcoxonSignedRank(d, { zeroMethod: "pratt" }).statistic).toBe(3); // ranks 2 3 4: R− = 3
    expect(wilcoxonSignedRank(d, { zeroMethod: "zsplit" }).statistic).toBe(3.5); // R− = 3 + ½
    for (const zeroMethod of zeroMethods) expect(wilcoxonSignedRank(d, { zeroMethod }).n).toBe(3);
  });

  it("gives p = 1 when every difference is zero", () => {
    for (const zeroMethod of zeroMethods) {
      expect(wilcoxonSignedRank([0, 0, 0], { zeroMethod })).toMatchObject({ p: 1, n: 0 });
    }
  });

  it("reaches its smallest p, 2^(1−n), only when every sign agrees — ties or not", () => {
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6]).p).toBe(2 ** -5);
    expect(wilcoxonSignedRank([1, 1, 1, 1, 1, 1]).p).toBe(2 ** -5);
    expect(wilcoxonSignedRank([-1, -2, -3, -4, -5], { alternative: "less" }).p).toBe(2 ** -5);
    fc.assert(
      fc.property(differences, options, (d, o) => {
        const result = wilcoxonSignedRank(d, o);
        expect(result.p).toBeGreaterThanOrEqual(signedRankMinP(result.n, o.alternative) * (1 - 1e-12));
      }),
    );
  });

  it("matches brute-force enumeration of every sign flip of the midranks (ties and zeros included)", () => {
    fc.assert(
      fc.property(tiny, options, (d, o) => {
        expect(wilcoxonSignedRank(d, { ...o, method: "exact" }).p).toBeCloseTo(
          bruteForceP(d, o.zeroMethod, o.alternative),
          14,
        );
      }),
    );
  });

  it("is exact up to 50 non-zero differences, zeros aside, and approximate beyond", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => (i % 7) - 2); // ties and zeros
    expect(SIGNED_RANK_EXACT_MAX_N).toBe(50);
    const fifty = [...values(50).map((x) => (x === 0 ? 9 : x)), 0, 0];
    expect(wilcoxonSignedRank(fifty)).toMatchObject({ n: 50, method: "exact" });
    expect(wilcoxonSignedRank([...fifty, 1])).toMatchObject({ n: 51, method: "approx" });
    expect(wilcoxonSignedRank(values(10), { method: "approx" }).method).toBe("approx");
    expect(wilcoxonSignedRank(values(80), { method: "exact" }).method).toBe("exact");
  });

  it("mirrors under d → −d: the same two-sided p, and 'greater' becomes 'less'", () => {
    fc.assert(
      fc.property(differences, fc.constantFrom(...zeroMethods), (d, zeroMethod) => {
        const negated = d.map((x) => -x);
        expect(wilcoxonSignedRank(negated, { zeroMethod }).p).toBeCloseTo(
          wilcoxonSignedRank(d, { zeroMethod }).p,
          12,
        );
        expect(wilcoxonSignedRank(negated, { zeroMethod, alternative: "less" }).p).toBeCloseTo(
          wilcoxonSignedRank(d, { zeroMethod, alternative: "greater" }).p,
          12,
        );
      }),
    );
  });

  it("depends only on signs and the order of |d|: a positive rescaling changes nothing", () => {
    fc.assert(
      fc.property(differences, options, fc.constantFrom(0.01, 3, 1000), (d, o, factor) => {
        expect(
          wilcoxonSignedRank(
            d.map((x) => x * factor),
            o,
          ),
        ).toEqual(wilcoxonSignedRank(d, o));
      }),
    );
  });

  it("always returns p in [0, 1], exact or approximate", () => {
    fc.assert(
      fc.property(
        differences,
        options,
        fc.constantFrom("exact" as const, "approx" as const),
        (d, o, method) => {
          const { p } = wilcoxonSignedRank(d, { ...o, method });
          return p >= 0 && p <= 1;
        },
      ),
    );
  });

  it("sees a 10% slowdown through round-to-round machine noise of ±40% that an unpaired test misses", () => {
    const machine = [0.3, -0.25, 0.1, -0.4, 0.35, 0.0, -0.15, 0.2, -0.3, 0.05, 0.25, -0.1]; // shared by both
    const own = [0.02, -0.01, 0.03, -0.02, 0.01, 0.0, -0.03, 0.02, -0.01, 0.03, -0.02, 0.01];
    const baseline = machine.map((m) => 100 * Math.exp(m));
    const candidate = machine.map((m, r) => 110 * Math.exp(m + (own[r] ?? 0)));
    const d = candidate.map((c, r) => Math.log(c / (baseline[r] ?? NaN)));
    expect(mannWhitneyU(baseline, candidate).p).toBeGreaterThan(0.3);
    expect(wilcoxonSignedRank(d)).toMatchObject({ statistic: 0, p: 2 ** -11, n: 12 });
  });

  it("rejects an empty sample and non-finite values", () => {
    expect(() => wilcoxonSignedRank([])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([1, NaN])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([1, Infinity])).toThrow(RangeError);
  });
});

describe("signedRankMinP", () => {
  it("is 2^(1−n) two-sided and 2^(−n) one-sided", () => {
    expect(signedRankMinP(0)).toBe(1);
    expect(signedRankMinP(1)).toBe(1);
    expect(signedRankMinP(5)).toBe(0.0625);
    expect(signedRankMinP(6)).toBe(0.03125);
    expect(signedRankMinP(6, "greater")).toBe(2 ** -6);
    expect(signedRankMinP(6, "less")).toBe(2 ** -6);
  });

  it("is what n differences of one sign give", () => {
    for (let n = 1; n <= 20; n++) {
      const d = Array.from({ length: n }, (_, i) => i + 1);
      expect(wilcoxonSignedRank(d).p).toBe(signedRankMinP(n));
      expect(wilcoxonSignedRank(d, { alternative: "greater" }).p).toBe(signedRankMinP(n, "greater"));
    }
  });

  it("rejects a negative or fractional n", () => {
    expect(() => signedRankMinP(-1)).toThrow(RangeError);
    expect(() => signedRankMinP(2.5)).toThrow(RangeError);
  });
});

/** Exact p by enumerating all 2^n sign patterns of the non-zero differences, ranks held fixed. */
function bruteForceP(d: readonly number[], zeroMethod: ZeroMethod, alternative: Alternative): number {
  const used = zeroMethod === "wilcox" ? d.filter((x) => x !== 0) : [...d];
  const magnitudes = used.map((x) => Math.abs(x));
  const rank = (v: number) =>
    magnitudes.filter((m) => m < v).length + (magnitudes.filter((m) => m === v).length + 1) / 2;
  const weights = used.filter((x) => x !== 0).map((x) => rank(Math.abs(x)));
  if (weights.length === 0) return 1;
  const observed = used.filter((x) => x > 0).reduce((sum, x) => sum + rank(x), 0);
  let below = 0;
  let above = 0;
  for (let mask = 0; mask < 2 ** weights.length; mask++) {
    const plus = weights.reduce((sum, w, i) => sum + (mask & (1 << i) ? w : 0), 0);
    if (plus <= observed) below++;
    if (plus >= observed) above++;
  }
  const total = 2 ** weights.length;
  if (alternative === "less") return below / total;
  if (alternative === "greater") return above / total;
  return Math.min(1, (2 * Math.min(below, above)) / total);
}
