import { assertSample } from "./sortedSample.js";

/** Arithmetic mean of a non-empty sample. */
export function mean(values: readonly number[]): number {
  assertSample(values, "mean");
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
