/**
 * Python's `repr(float)`, which `json.dumps` and `str()` write: the shortest digits that read back
 * as the same double (as JavaScript's), in fixed notation with at least one decimal (`7058380.0`,
 * `0.92`) for decimal exponents from -4 to 15, else in exponent notation (`1e-05`, `1.5e+16`).
 * Infinities and NaN are written as `json.dumps` writes them.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}0.0`;
  const { digits, exponent } = shortestDigits(Math.abs(x));
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1) || "0";
  return `${sign}${whole}.${fraction}`;
}

/**
 * Python's `round(x, ndigits)` for a float: the decimal with `ndigits` decimals nearest to the
 * exact binary value, ties to even (`round(0.03125, 4)` is `0.0312`), read back as a double.
 */
export function pythonRound(x: number, ndigits: number): number {
  // Doubles this large are integers: rounding to decimals leaves them as they are.
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const negative = x < 0 || Object.is(x, -0);
  // toFixed rounds the exact value, ties away from zero (the larger magnitude).
  let scaled = BigInt(Math.abs(x).toFixed(ndigits).replace(".", ""));
  // A tie is |x| * 10^n = k + 1/2 exactly, i.e. |x| * 2^(n+1) an odd integer (5^n divides the rest).
  const doubled = Math.abs(x) * 2 ** (ndigits + 1);
  if (Number.isInteger(doubled) && doubled % 2 === 1 && scaled % 2n === 1n) scaled -= 1n;
  const text = scaled.toString().padStart(ndigits + 1, "0");
  const decimal = `${text.slice(0, text.length - ndigits)}.${text.slice(text.length - ndigits)}`;
  return Number(`${negative ? "-" : ""}${decimal}`);
}

/** The shortest round-trip digits of a positive finite double (no trailing zeros), and the decimal exponent of the first. */
function shortestDigits(x: number): { digits: string; exponent: number } {
  const [mantissa = "", exponentText] = String(x).split("e");
  const [whole = "", fraction = ""] = mantissa.split(".");
  const shift = exponentText === undefined ? 0 : Number(exponentText);
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(leading).replace(/0+$/, "");
  return { digits, exponent: whole.length - 1 - leading + shift };
}
