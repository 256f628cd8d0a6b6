/** Ranks of a pooled sample and the sizes of its groups of tied values. */
export interface Midranks {
  /** Twice the 1-based midrank of each value, in input order: an integer even when ties give half ranks. */
  doubledRanks: number[];
  /** Size of every group of equal values (1 for a value without ties), in ascending order of value. */
  tieSizes: number[];
}

/** Midranks (tied values share the mean of the ranks they span), doubled so that they stay integers. */
export function midranks(values: readonly number[]): Midranks {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  const doubledRanks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] ?? 0] === values[order[start] ?? 0]) end++;
    // Positions start..end-1 hold 1-based ranks start+1..end; twice their mean is start+1+end.
    for (let k = start; k < end; k++) doubledRanks[order[k] ?? 0] = start + 1 + end;
    tieSizes.push(end - start);
    start = end;
  }
  return { doubledRanks, tieSizes };
}
