import { mean } from "./mean.js";

/** Sample standard deviation (divisor n − 1) of a non-empty sample; null when n < 2. */
export function stddev(values: readonly number[]): number | null {
  const m = mean(values);
  if (values.length < 2) return null;
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}
