/** `x.toFixed(digits)` without a minus sign on a value that rounds to zero ("-0.00" -> "0.00"). */
export function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Three significant digits in plain notation (never exponent form): 0.0123, 1.23, 12.3, 123, 1235. */
export function significant3(x: number): string {
  if (x === 0) return "0";
  const exponent = Number(x.toExponential(2).split("e")[1]);
  return fixed(x, Math.max(0, 2 - exponent));
}

/** A signed percentage with one decimal: "+4.2%", "-0.8%", "0.0%"; "—" for null. */
export function signedPercent(pct: number | null): string {
  if (pct === null) return "—";
  const text = fixed(pct, 1);
  return text.startsWith("-") || text === "0.0" ? `${text}%` : `+${text}%`;
}

/** A p-value with three decimals, "<0.001" below that; "—" for null. */
export function formatP(p: number | null): string {
  if (p === null) return "—";
  return p < 0.001 ? "<0.001" : fixed(p, 3);
}
