package dev.lamgraph.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CEL standard overloads the fast evaluator implements, keyed by the checker's overload ids.
 * Each function returns {@link #NO} when its operands are not of its Java classes (so a node with
 * several candidate overloads, as for {@code dyn} operands, picks by runtime class); arithmetic
 * that CEL reports as an error (overflow, division by zero) throws, which makes {@link Expr} fall
 * back to cel-java.
 */
final class FastOps {
  private FastOps() {}

  /** "This overload does not apply to these operands." */
  static final Object NO = new Object();

  /** A one-operand overload. */
  interface Unary {
    Object apply(Object x);
  }

  /** A two-operand overload. */
  interface Binary {
    Object apply(Object x, Object y);
  }

  static final Map<String, Unary> UNARY = Map.ofEntries(
      Map.entry("logical_not", x -> x instanceof Boolean b ? !b : NO),
      Map.entry("negate_int64", x -> x instanceof Long a ? Math.negateExact(a) : NO),
      Map.entry("negate_double", x -> x instanceof Double a ? -a : NO),
      Map.entry("size_string", FastOps::size),
      Map.entry("string_size", FastOps::size),
      Map.entry("size_list", FastOps::size),
      Map.entry("list_size", FastOps::size),
      Map.entry("size_map", FastOps::size),
      Map.entry("map_size", FastOps::size),
      Map.entry("string_to_string", x -> x instanceof String ? x : NO),
      Map.entry("int64_to_string", x -> x instanceof Long a ? Long.toString(a) : NO),
      Map.entry("bool_to_string", x -> x instanceof Boolean b ? Boolean.toString(b) : NO),
      Map.entry("double_to_string", x -> x instanceof Double a ? Double.toString(a) : NO),
      Map.entry("int64_to_int64", x -> x instanceof Long ? x : NO),
      Map.entry("int64_to_double", x -> x instanceof Long a ? (double) (long) a : NO),
      Map.entry("double_to_double", x -> x instanceof Double ? x : NO));

  static final Map<String, Binary> BINARY = Map.ofEntries(
      Map.entry("add_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? Math.addExact(a, b) : NO),
      Map.entry("subtract_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? Math.subtractExact(a, b) : NO),
      Map.entry("multiply_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? Math.multiplyExact(a, b) : NO),
      Map.entry("divide_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? divide(a, b) : NO),
      Map.entry("modulo_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? modulo(a, b) : NO),
      Map.entry("add_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a + b : NO),
      Map.entry("subtract_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a - b : NO),
      Map.entry("multiply_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a * b : NO),
      Map.entry("divide_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a / b : NO),
      Map.entry("add_string", (x, y) -> x instanceof String a && y instanceof String b ? a.concat(b) : NO),
      Map.entry("add_list", FastOps::concat),
      Map.entry("less_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? a < b : NO),
      Map.entry("less_equals_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? a <= b : NO),
      Map.entry("greater_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? a > b : NO),
      Map.entry("greater_equals_int64", (x, y) -> x instanceof Long a && y instanceof Long b ? a >= b : NO),
      Map.entry("less_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a < b : NO),
      Map.entry("less_equals_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a <= b : NO),
      Map.entry("greater_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a > b : NO),
      Map.entry("greater_equals_double", (x, y) -> x instanceof Double a && y instanceof Double b ? a >= b : NO),
      Map.entry("less_string", (x, y) -> x instanceof String a && y instanceof String b ? a.compareTo(b) < 0 : NO),
      Map.entry("less_equals_string", (x, y) -> x instanceof String a && y instanceof String b ? a.compareTo(b) <= 0 : NO),
      Map.entry("greater_string", (x, y) -> x instanceof String a && y instanceof String b ? a.compareTo(b) > 0 : NO),
      Map.entry("greater_equals_string", (x, y) -> x instanceof String a && y instanceof String b ? a.compareTo(b) >= 0 : NO),
      Map.entry("in_list", FastOps::inList),
      Map.entry("in_map", (x, y) -> x instanceof String k && y instanceof Map<?, ?> m ? m.containsKey(k) : NO),
      Map.entry("index_list", FastOps::indexList),
      Map.entry("index_map", FastOps::indexMap));

  /**
   * CEL equality where it is plain: two values of one simple class (Long, String, Boolean,
   * Double but NaN, which cel-java calls equal to itself), or null against null or a simple value.
   * Any other pairing (int against double, lists, maps) falls back.
   */
  static boolean equal(Object x, Object y) {
    if (x == null || y == null) {
      if (x == y) return true;
      if (simple(x == null ? y : x)) return false;
    } else if (x instanceof Double a && y instanceof Double b) {
      if (!a.isNaN() && !b.isNaN()) return a.doubleValue() == b.doubleValue();
    } else if ((x instanceof Long || x instanceof String || x instanceof Boolean) && x.getClass() == y.getClass()) {
      return x.equals(y);
    }
    throw FastNode.Fallback.SIGNAL;
  }

  private static boolean simple(Object v) {
    return v instanceof Long || v instanceof String || v instanceof Boolean || v instanceof Double;
  }

  /** {@code x in list}: every element up to a match must compare plainly ({@link #equal}). */
  private static Object inList(Object x, Object y) {
    if (!(y instanceof List<?> l)) return NO;
    for (Object e : l) {
      if (equal(x, e)) return true;
    }
    return false;
  }

  private static Object size(Object x) {
    if (x instanceof String s) return (long) s.codePointCount(0, s.length());
    if (x instanceof List<?> l) return (long) l.size();
    if (x instanceof Map<?, ?> m) return (long) m.size();
    return NO;
  }

  private static long divide(long a, long b) {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) throw FastNode.Fallback.SIGNAL;
    return a / b;
  }

  private static long modulo(long a, long b) {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) throw FastNode.Fallback.SIGNAL;
    return a % b;
  }

  private static Object concat(Object x, Object y) {
    if (!(x instanceof List<?> a) || !(y instanceof List<?> b)) return NO;
    List<Object> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  private static Object indexList(Object x, Object y) {
    if (!(x instanceof List<?> l) || !(y instanceof Long i)) return NO;
    if (i < 0 || i >= l.size()) throw FastNode.Fallback.SIGNAL;
    return FastNode.json(l.get((int) (long) i));
  }

  private static Object indexMap(Object x, Object y) {
    if (!(x instanceof Map<?, ?> m) || !(y instanceof String k)) return NO;
    Object v = m.get(k);
    if (v == null && !m.containsKey(k)) throw FastNode.Fallback.SIGNAL;
    return FastNode.json(v);
  }
}
