/**
 * Python's `statistics.median` of floats: the middle value, or the float mean `(a + b) / 2` of the
 * two middle values. Undefined for no values.
 */
export function pythonMedian(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return undefined;
  const upper = sorted[Math.floor(n / 2)]!;
  return n % 2 === 1 ? upper : (sorted[n / 2 - 1]! + upper) / 2;
}

/**
 * Python's `statistics.mean` of floats: the exact sum divided by the count, correctly rounded to a
 * double (a float sum then a division can differ in the last bit). Undefined for no values.
 */
export function pythonMean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  if (!values.every((v) => Number.isFinite(v))) return values.reduce((a, b) => a + b, 0) / values.length;
  // Every finite double is an integer times 2^-1074: sum those integers exactly.
  const sum = values.reduce((total, v) => total + scaledInteger(v), 0n);
  return ratioToDouble(sum, BigInt(values.length), -1074);
}

/** v * 2^1074 as an exact integer. */
function scaledInteger(v: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const magnitude = biased === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(biased - 1);
  return negative ? -magnitude : magnitude;
}

/**
 * (p / q) * 2^scale rounded to 53 significant bits, ties to even (exact as long as the result is a
 * normal double, as metric means are).
 */
function ratioToDouble(p: bigint, q: bigint, scale: number): number {
  const negative = p < 0n;
  const num = negative ? -p : p;
  if (num === 0n) return 0;
  // Scale so that the quotient has 54 or 55 bits, then round away the extra ones.
  const shift = 55 - (num.toString(2).length - q.toString(2).length);
  const scaled = shift >= 0 ? (num << BigInt(shift)) / q : num / (q << BigInt(-shift));
  const exact = shift >= 0 ? (num << BigInt(shift)) % q === 0n : num % (q << BigInt(-shift)) === 0n;
  const extra = scaled.toString(2).length - 53;
  const unit = 1n << BigInt(extra);
  let kept = scaled >> BigInt(extra);
  const rest = scaled & (unit - 1n);
  const half = unit >> 1n;
  if (rest > half || (rest === half && (!exact || (kept & 1n) === 1n))) kept += 1n;
  // Two powers of two, so that neither over- nor underflows on the way.
  const e = extra - shift + scale;
  const value = Number(kept) * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
  return negative ? -value : value;
}
