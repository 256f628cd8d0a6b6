/** Throws a RangeError unless `values` is a non-empty array of finite numbers. */
export function assertSample(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`${what}: the sample is empty`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${what}: the sample holds a non-finite value (${v})`);
  }
}

/** An ascending copy of a non-empty sample of finite numbers (validated by `assertSample`). */
export function sortedSample(values: readonly number[], what: string): number[] {
  assertSample(values, what);
  return [...values].sort((x, y) => x - y);
}

/** The element at 0-based index `i` of a sorted sample; throws when out of range. */
export function orderStat(sorted: readonly number[], i: number): number {
  const v = sorted[i];
  if (v === undefined) throw new RangeError(`order statistic ${i} out of range 0..${sorted.length - 1}`);
  return v;
}
