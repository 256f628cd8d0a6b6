import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundsNeeded } from "../../../../src/staging/stats/index.js";

const base = { spread: 0.1, estimate: 0.05, band: 0.1, alpha: 0.05 };

describe("roundsNeeded", () => {
  it("needs (π/3)·((z_{.975} + z_{.8})·σ/δ)² ≈ 8.2 → 9 rounds to detect a shift of one spread", () => {
    expect(roundsNeeded({ ...base, spread: 0.1, estimate: 0.1 }).toDetect).toBe(9);
    expect(roundsNeeded({ ...base, spread: 0.1, estimate: -0.1 }).toDetect).toBe(9);
  });

  it("agrees with the closed form for small shifts, where the far tail does not count", () => {
    const closedForm = (Math.PI / 3) * ((1.959963984540054 + 0.8416212335729143) * (0.1 / 0.01)) ** 2;
    expect(roundsNeeded({ ...base, estimate: 0.01 }).toDetect).toBe(Math.ceil(closedForm)); // 822
    const equivalence =
      (Math.PI / 3) * ((1.959963984540054 + 0.8416212335729143) * (0.1 / (0.1 - 0.06))) ** 2;
    expect(roundsNeeded({ ...base, estimate: 0.06 }).toShowEquivalence).toBe(Math.ceil(equivalence)); // 52
  });

  it("never goes below the exact test's floor ⌈1 + log2(1/α)⌉: 6 rounds at α = 0.05, 8 at 0.01", () => {
    expect(roundsNeeded({ spread: 0.001, estimate: 0.5, band: 1, alpha: 0.05 })).toEqual({
      toDetect: 6,
      toShowEquivalence: 6,
    });
    expect(roundsNeeded({ spread: 0, estimate: 0.5, band: 1, alpha: 0.01 })).toEqual({
      toDetect: 8,
      toShowEquivalence: 8,
    });
    expect(roundsNeeded({ spread: 0.001, estimate: 0.5, band: 1, alpha: 0.5 }).toDetect).toBe(2);
  });

  it("cannot detect a zero shift, nor show equivalence when the shift reaches the band", () => {
    expect(roundsNeeded({ ...base, estimate: 0 }).toDetect).toBeNull();
    expect(roundsNeeded({ ...base, estimate: 0.1 }).toShowEquivalence).toBeNull();
    expect(roundsNeeded({ ...base, estimate: -0.2 }).toShowEquivalence).toBeNull();
    expect(roundsNeeded({ ...base, estimate: 1e-12 }).toDetect).toBeNull(); // beyond 2^50 rounds
  });

  it("asks for more rounds with more noise, a smaller shift, a smaller α or more power", () => {
    const options = fc.record({
      spread: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
      estimate: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
      band: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      alpha: fc.constantFrom(0.01, 0.05, 0.1),
      power: fc.constantFrom(0.5, 0.8, 0.9),
    });
    const more = (a: number | null, b: number | null): boolean => a === null || (b !== null && b <= a);
    fc.assert(
      fc.property(options, (o) => {
        const here = roundsNeeded(o);
        const noisier = roundsNeeded({ ...o, spread: o.spread * 1.5 });
        const smaller = roundsNeeded({ ...o, estimate: o.estimate / 2 });
        const stricter = roundsNeeded({ ...o, alpha: o.alpha / 2 });
        const surer = roundsNeeded({ ...o, power: (1 + o.power) / 2 });
        const wider = roundsNeeded({ ...o, band: o.band * 2 });
        for (const other of [noisier, stricter, surer]) {
          expect(more(other.toDetect, here.toDetect)).toBe(true);
          expect(more(other.toShowEquivalence, here.toShowEquivalence)).toBe(true);
        }
        expect(more(smaller.toDetect, here.toDetect)).toBe(true);
        expect(more(here.toShowEquivalence, smaller.toShowEquivalence)).toBe(true); // further from the band
        expect(more(here.toShowEquivalence, wider.toShowEquivalence)).toBe(true);
      }),
    );
  });

  it("rejects a negative spread, a non-positive band, and alpha or power outside (0, 1)", () => {
    expect(() => roundsNeeded({ ...base, spread: -1 })).toThrow(/spread/);
    expect(() => roundsNeeded({ ...base, band: 0 })).toThrow(/band/);
    expect(() => roundsNeeded({ ...base, estimate: NaN })).toThrow(/estimate/);
    expect(() => roundsNeeded({ ...base, alpha: 1 })).toThrow(/alpha/);
    expect(() => roundsNeeded({ ...base, power: 1 })).toThrow(/power/);
  });
});
