import { normalSf } from "./normal.js";
import { normalQuantile } from "./normalQuantile.js";

/** Options of `roundsNeeded`. */
export interface RoundsNeededOptions {
  /** Standard deviation σ of the per-round log-ratios (≥ 0). */
  spread: number;
  /** The observed (or assumed) shift δ, e.g. the Hodges–Lehmann estimate. */
  estimate: number;
  /** Equivalence margin: the interval must fit inside ±band (> 0). */
  band: number;
  /** Two-sided significance level α in (0, 1); the interval is the matching 1 − α one. */
  alpha: number;
  /** Probability of success to plan for, in (0, 1). @default 0.8 */
  power?: number;
}

/** Planned round counts; null when the goal cannot be reached at that estimate. */
export interface RoundsNeeded {
  /** Rounds for the two-sided test at α to reject a zero shift; null when the estimate is 0 (or needs > 2^50). */
  toDetect: number | null;
  /** Rounds for the 1 − α interval to fit inside ±band; null when |estimate| ≥ band (or it needs > 2^50). */
  toShowEquivalence: number | null;
}

/**
 * Rough round counts for the signed-rank test and its interval, by the normal approximation: the signed-rank
 * estimate is treated as N(δ, se²) with se = σ·√(π/(3n)), i.e. the t-test's σ/√n inflated by its asymptotic
 * relative efficiency 3/π (Lehmann, Nonparametrics, 1975, §4.2). With z = z_{1−α/2}, n is the smallest count with
 *   toDetect:          P(|est|/se > z) ≥ power                ≈ (π/3)·((z + z_power)·σ/|δ|)²
 *   toShowEquivalence: P(|est| + z·se < band) ≥ power         ≈ (π/3)·((z + z_power)·σ/(band − |δ|))²
 * and never below the exact test's floor ⌈1 + log2(1/α)⌉, the fewest rounds with 2^(1−n) ≤ α (6 at α = 0.05).
 */
export function roundsNeeded(options: RoundsNeededOptions): RoundsNeeded {
  const { spread, estimate, band, alpha } = options;
  const power = options.power ?? 0.8;
  checkOptions(spread, estimate, band, alpha, power);
  const z = -normalQuantile(alpha / 2);
  const floor = Math.ceil(1 - Math.log2(alpha));
  const delta = Math.abs(estimate);
  const se = (n: number): number => spread * Math.sqrt(Math.PI / (3 * n));
  const detects = (n: number): number => normalSf(z - delta / se(n)) + normalSf(z + delta / se(n));
  const fits = (n: number): number => {
    const room = band - z * se(n); // |est| must stay below this
    if (room <= 0) return 0;
    return normalSf((delta - room) / se(n)) - normalSf((delta + room) / se(n));
  };
  return {
    toDetect: delta === 0 ? null : atLeast(floor, smallestCount(detects, power, spread)),
    toShowEquivalence: delta >= band ? null : atLeast(floor, smallestCount(fits, power, spread)),
  };
}

const MAX_COUNT = 2 ** 50;

function atLeast(floor: number, count: number | null): number | null {
  return count === null ? null : Math.max(floor, count);
}

/** Smallest n ≥ 1 with chance(n) ≥ target, for a chance that grows with n towards 1; null past MAX_COUNT. */
function smallestCount(chance: (n: number) => number, target: number, spread: number): number | null {
  if (spread === 0) return 1;
  let hi = 1;
  while (chance(hi) < target) {
    if (hi >= MAX_COUNT) return null;
    hi *= 2;
  }
  let lo = hi / 2; // chance(lo) < target, or lo < 1
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (chance(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

function checkOptions(spread: number, estimate: number, band: number, alpha: number, power: number): void {
  const fail = (field: string, expected: string, got: number): never => {
    throw new RangeError(`roundsNeeded: ${field} must be ${expected}, got ${got}`);
  };
  if (!(Number.isFinite(spread) && spread >= 0)) fail("spread", "a finite number ≥ 0", spread);
  if (!Number.isFinite(estimate)) fail("estimate", "finite", estimate);
  if (!(Number.isFinite(band) && band > 0)) fail("band", "a finite number > 0", band);
  if (!(alpha > 0 && alpha < 1)) fail("alpha", "in (0, 1)", alpha);
  if (!(power > 0 && power < 1)) fail("power", "in (0, 1)", power);
}
