import { medianOfSorted } from "./median.js";
import { assertSample } from "./sortedSample.js";

/**
 * Hodges–Lehmann shift estimate: the median of all n1·n2 pairwise differences b[j] − a[i].
 * Sign convention: positive when b tends to be larger than a (e.g. candidate b slower than baseline a).
 */
export function hodgesLehmann(a: readonly number[], b: readonly number[]): number {
  assertSample(a, "hodgesLehmann (first sample)");
  assertSample(b, "hodgesLehmann (second sample)");
  const differences: number[] = [];
  for (const y of b) for (const x of a) differences.push(y - x);
  return medianOfSorted(differences.sort((x, y) => x - y));
}
