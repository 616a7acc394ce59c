package dev.lamgraph.cli.wftest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Equality of JSON-shaped values as JSON sees them: {@code 1} equals {@code 1.0}; maps and lists element-wise. */
public final class JsonValues {
  private JsonValues() {}

  public static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) return false;
      for (Object k : x.keySet()) if (!same(x.get(k), y.get(k))) return false;
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) return false;
      for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
      return true;
    }
    return Objects.equals(a, b);
  }
}
