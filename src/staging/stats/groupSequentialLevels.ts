import { alphaSpending, type AlphaSpendingOptions } from "./alphaSpending.js";
import { normalSf } from "./normal.js";
import { normalQuantile } from "./normalQuantile.js";

/** Simpson's rule points over a look's continuation region: error far below the levels' own precision. */
const GRID = 401;

/**
 * The nominal two-sided significance level of each look of a group-sequential design whose
 * cumulative type I error follows the spending function of `alphaSpending` (Lan & DeMets 1983),
 * computed under the canonical joint distribution (Jennison & Turnbull 2000, ch. 19): the
 * standardized statistics Z_k of the looks are those of a Brownian motion observed at
 * information I_k = looks[k], so Z_k = r·Z_{k−1} + √(1 − r²)·ε with r = √(I_{k−1}/I_k). Look k's
 * boundary c_k is the one with P(|Z_j| < c_j for every j < k, |Z_k| ≥ c_k) = the look's
 * increment, found by numerical integration of Z_{k−1}'s density over the region where the
 * design went on (Armitage, McPherson & Rowe 1969), and its level is 2·(1 − Φ(c_k)).
 *
 * A look's level is larger than its increment: a campaign that reached the look had its
 * statistic inside every earlier boundary, and the levels spend exactly the increments there.
 * Rank statistics (signed-rank, Hodges-Lehmann) follow this joint law asymptotically.
 */
export function groupSequentialLevels(options: AlphaSpendingOptions): number[] {
  const increments = alphaSpending(options);
  const { looks } = options;
  const levels: number[] = [];
  // Z_{k−1}'s density where the design went on, on a grid over (−bound, bound).
  let grid: { z: Float64Array; weight: Float64Array } | null = null;
  for (const [k, spend] of increments.entries()) {
    if (k === 0 || grid === null) {
      const c = spend > 0 ? -normalQuantile(spend / 2) : Infinity;
      levels.push(spend);
      grid = continuation(c, (z) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI));
      continue;
    }
    const r = Math.sqrt(looks[k - 1]! / looks[k]!);
    const s = Math.sqrt(1 - r * r);
    const { z, weight } = grid;
    const crossing = (c: number): number => {
      let p = 0;
      for (let i = 0; i < z.length; i++) {
        p += weight[i]! * (normalSf((c - r * z[i]!) / s) + normalSf((c + r * z[i]!) / s));
      }
      return p;
    };
    const c = spend > 0 ? boundary(crossing, spend) : Infinity;
    levels.push(Number.isFinite(c) ? 2 * normalSf(c) : 0);
    grid = continuation(c, (y) => {
      let f = 0;
      for (let i = 0; i < z.length; i++) {
        const u = (y - r * z[i]!) / s;
        f += weight[i]! * Math.exp((-u * u) / 2);
      }
      return f / (s * Math.sqrt(2 * Math.PI));
    });
  }
  return levels;
}

/** The grid over (−c, c) with Simpson weights times the density; a wide but finite range for c = ∞. */
function continuation(c: number, density: (z: number) => number): { z: Float64Array; weight: Float64Array } {
  const bound = Math.min(c, 12);
  const h = (2 * bound) / (GRID - 1);
  const z = new Float64Array(GRID);
  const weight = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) {
    z[i] = -bound + i * h;
    const simpson = i === 0 || i === GRID - 1 ? 1 : i % 2 === 1 ? 4 : 2;
    weight[i] = ((simpson * h) / 3) * density(z[i]!);
  }
  return { z, weight };
}

/** The c with crossing(c) = target, for a crossing probability that falls as c grows. */
function boundary(crossing: (c: number) => number, target: number): number {
  let lo = 0;
  let hi = 12;
  if (crossing(hi) > target) return hi;
  for (let i = 0; i < 60 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (crossing(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
