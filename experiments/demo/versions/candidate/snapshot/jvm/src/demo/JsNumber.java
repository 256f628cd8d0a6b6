package demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The JavaScript number semantics a response depends on, so that this service answers byte for
 * byte like the node one: Number::toString (the shortest decimal that reads back as the same
 * double, the closest one on a tie of length) and Number(x.toFixed(d)). JDK 17's Double.toString
 * is not always the shortest, so it is not used.
 */
final class JsNumber {
  /** Below 2^53 every integer is a double and its own shortest form. */
  private static final double EXACT_INTEGERS = 9007199254740992.0;

  private JsNumber() {}

  /** What JSON.stringify writes for a number: null for NaN and the infinities. */
  static String json(double x) {
    return Double.isFinite(x) ? toString(x) : "null";
  }

  /** Number::toString(x) for a finite x. */
  static String toString(double x) {
    if (x == 0) return "0";
    if (x < 0) return "-" + toString(-x);
    if (x < EXACT_INTEGERS && x == Math.rint(x)) return Long.toString((long) x);
    BigDecimal shortest = shortest(x).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    return layout(digits, digits.length() - shortest.scale());
  }

  /** Number(x.toFixed(decimals)): the exact value rounded half away from zero, read back. */
  static double roundFixed(double x, int decimals) {
    if (!Double.isFinite(x) || Math.abs(x) >= 1e21) return x;
    return Double.parseDouble(new BigDecimal(x).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
  }

  /**
   * The shortest decimal that reads back as x (x > 0, finite). A normal double is told apart from
   * its neighbours by 15 significant digits: when the 15-digit rounding reads back, it is the only
   * decimal of 15 digits or fewer that does, so it is the shortest. Otherwise 16 or 17 digits are
   * needed, and of the two neighbours of x at that length the closest one that reads back wins.
   * Subnormals have fewer significant bits: every length is tried.
   */
  private static BigDecimal shortest(double x) {
    BigDecimal exact = new BigDecimal(x);
    int from = 1;
    if (x >= Double.MIN_NORMAL) {
      BigDecimal rounded = exact.round(new MathContext(15, RoundingMode.HALF_EVEN));
      if (readsBack(rounded, x)) return rounded;
      from = 16;
    }
    for (int digits = from; digits < 17; digits++) {
      BigDecimal found = closestOfLength(exact, x, digits);
      if (found != null) return found;
    }
    return closestOfLength(exact, x, 17);
  }

  private static BigDecimal closestOfLength(BigDecimal exact, double x, int digits) {
    BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
    BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
    boolean belowOk = readsBack(below, x);
    boolean aboveOk = readsBack(above, x);
    if (belowOk && aboveOk) {
      int side = exact.subtract(below).compareTo(above.subtract(exact));
      if (side != 0) return side < 0 ? below : above;
      return below.unscaledValue().testBit(0) ? above : below;
    }
    if (belowOk) return below;
    return aboveOk ? above : null;
  }

  private static boolean readsBack(BigDecimal decimal, double x) {
    return Double.parseDouble(decimal.toString()) == x;
  }

  /** ECMAScript's layout of digits d1..dk with the decimal point after n digits (Number::toString). */
  private static String layout(String digits, int n) {
    int k = digits.length();
    if (k <= n && n <= 21) return digits + "0".repeat(n - k);
    if (0 < n && n <= 21) return digits.substring(0, n) + "." + digits.substring(n);
    if (-6 < n && n <= 0) return "0." + "0".repeat(-n) + digits;
    int e = n - 1;
    String exponent = (e < 0 ? "e-" : "e+") + Math.abs(e);
    return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
  }
}
