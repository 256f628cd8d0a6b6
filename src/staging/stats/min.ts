import { assertSample } from "./sortedSample.js";

/** Smallest value of a non-empty sample. */
export function min(values: readonly number[]): number {
  assertSample(values, "min");
  let best = Infinity;
  for (const v of values) if (v < best) best = v;
  return best;
}
