import { mean } from "./mean.js";
import { stddev } from "./stddev.js";

/** Coefficient of variation, sample stddev / mean, of a non-empty sample; null when n < 2 or the mean is 0. */
export function cv(values: readonly number[]): number | null {
  const s = stddev(values);
  const m = mean(values);
  if (s === null || m === 0) return null;
  return s / m;
}
