import { assertSample } from "./sortedSample.js";

/** Largest value of a non-empty sample. */
export function max(values: readonly number[]): number {
  assertSample(values, "max");
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best;
}
