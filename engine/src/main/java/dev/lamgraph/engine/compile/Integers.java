package dev.lamgraph.engine.compile;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The rule for values of {@code integer} channels (and {@code items: integer}): a number is an
 * integer when it is whole and within the long range (-2^63 to 2^63-1); {@code 3}, {@code 3.0} and
 * {@code 1e18} are the long they equal. Any other number is refused, never rounded or clamped:
 * {@code 2.5} is not whole, {@code 1.5e300} (which a double holds as a whole number) and
 * {@code 99999999999999999999} are out of range. Inputs, state updates, forks and node outputs all
 * pass through {@link Channel#normalize}, which uses {@link #exact}.
 */
final class Integers {
  /** 2^63 as a double: the first double beyond {@link Long#MAX_VALUE}. */
  private static final double TWO_63 = 0x1p63;

  private Integers() {}

  /** {@code v} as a Long when it is a whole number in the long range, else {@code v} itself. */
  static Object exact(Object v) {
    if (v instanceof Long) return v;
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && d >= -TWO_63 && d < TWO_63 ? (Object) (long) d : v;
    }
    if (v instanceof BigInteger b) return b.bitLength() < 64 ? (Object) b.longValue() : v;
    if (v instanceof BigDecimal b) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException e) {
        return v;
      }
    }
    return v;
  }

  /** Why the number {@code n}, refused by {@link #exact}, is not an integer: "number 2.5 (not a whole number)". */
  static String why(Number n) {
    String shown = shown(n);
    boolean whole = n instanceof BigInteger
        || n instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0
        || Double.isInfinite(n.doubleValue())
        || (n instanceof Double || n instanceof Float) && n.doubleValue() == Math.rint(n.doubleValue());
    return "number " + shown + (whole ? " (outside the integer range -2^63 to 2^63-1)" : " (not a whole number)");
  }

  /** The number's text, shortened when it is long (a 1 MiB body can be one number). */
  private static String shown(Number n) {
    String s = n.toString();
    return s.length() <= 40 ? s : s.substring(0, 20) + "... (" + s.length() + " characters)";
  }
}
