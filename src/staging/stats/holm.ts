/**
 * Holm–Bonferroni step-down adjusted p-values, returned in input order: with the m p-values sorted
 * ascending p(1) ≤ … ≤ p(m), adjusted p(i) = min(1, max over k ≤ i of (m − k + 1)·p(k)).
 * Each adjusted value is ≥ its raw value, and they are monotone in the sorted order. Throws on p outside [0, 1].
 */
export function holm(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm: p-values must lie in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => (pValues[i] ?? 0) - (pValues[j] ?? 0));
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] ?? 1)));
    adjusted[index] = running;
  });
  return adjusted;
}
