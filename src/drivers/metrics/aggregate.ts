/** How a metric's per-sample values become one number for the window. */
export type Aggregate = "max" | "last" | "mean" | "increase";

export const AGGREGATES: readonly Aggregate[] = ["max", "last", "mean", "increase"];

/**
 * Folds the window's values (in scrape order, nulls already left out): `max` is the peak, `last`
 * the final value, `mean` the plain mean of the samples (they are evenly spaced), `increase` the
 * last minus the first (a counter over the window; no reset handling, so a restarted process
 * shows as a negative increase rather than a plausible number). Null when there is no value.
 */
export function aggregate(values: readonly number[], how: Aggregate): number | null {
  const first = values[0];
  const last = values[values.length - 1];
  if (first === undefined || last === undefined) return null;
  switch (how) {
    case "max":
      return values.reduce((a, b) => (b > a ? b : a), first);
    case "last":
      return last;
    case "mean":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "increase":
      return last - first;
  }
}
