import { normalSf } from "./normal.js";
import { normalQuantile } from "./normalQuantile.js";

/** Lan–DeMets spending function families. */
export type SpendingFunction = "pocock" | "obrien-fleming";

/** Options of `alphaSpending`. */
export interface AlphaSpendingOptions {
  /** Planned round counts of the looks, strictly increasing; the last is the maximum. */
  looks: readonly number[];
  /** Total two-sided type I error to spend, in (0, 1). */
  alpha: number;
  spending: SpendingFunction;
}

/**
 * Group-sequential alpha spending (Lan & DeMets 1983): the α increments α(t_k) − α(t_{k−1}) of the looks, with
 * information fraction t_k = looks[k] / looks[last] and the cumulative spending function
 *   Pocock type:          α(t) = α · ln(1 + (e − 1)·t)
 *   O'Brien–Fleming type: α(t) = 2 − 2·Φ(z_{1−α/2} / √t)
 * Both reach α(1) = α, so the increments sum to α (the last one is taken as α minus the rest). An increment is the
 * chance of stopping first at that look; the level each look tests at is larger, from the looks' joint law
 * (`groupSequentialLevels`). Used as the levels themselves, the increments would be a conservative design
 * (Bonferroni: the correlation between looks given away).
 */
export function alphaSpending(options: AlphaSpendingOptions): number[] {
  const { looks, alpha, spending } = options;
  checkOptions(looks, alpha);
  const last = looks[looks.length - 1] ?? 1;
  const spent = (t: number): number => {
    if (spending === "pocock") return alpha * Math.log1p((Math.E - 1) * t);
    return 2 * normalSf(-normalQuantile(alpha / 2) / Math.sqrt(t));
  };
  const cumulative = looks.map((look, k) => (k === looks.length - 1 ? alpha : spent(look / last)));
  return cumulative.map((value, k) => value - (k === 0 ? 0 : (cumulative[k - 1] ?? 0)));
}

function checkOptions(looks: readonly number[], alpha: number): void {
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alphaSpending: alpha must lie in (0, 1), got ${alpha}`);
  if (looks.length === 0) throw new RangeError("alphaSpending: there are no looks");
  looks.forEach((look, k) => {
    const previous = k === 0 ? 0 : (looks[k - 1] ?? 0);
    if (!(Number.isFinite(look) && look > previous)) {
      throw new RangeError(
        `alphaSpending: looks must be positive and strictly increasing, got ${look} after ${previous} at look ${k}`,
      );
    }
  });
}
