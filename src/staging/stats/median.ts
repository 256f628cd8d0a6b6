import { orderStat, sortedSample } from "./sortedSample.js";

/** Median of a non-empty sample: the middle value, or the mean of the two middle values when n is even (same as `quantile(values, 0.5)`). */
export function median(values: readonly number[]): number {
  return medianOfSorted(sortedSample(values, "median"));
}

/** Median of an already ascending, non-empty array. */
export function medianOfSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  if (n % 2 === 1) return orderStat(sorted, mid);
  return (orderStat(sorted, mid - 1) + orderStat(sorted, mid)) / 2;
}
