package dev.lamgraph.engine.expr;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts CEL results into JSON-shaped Java values (Map, List, String, Long, Double, Boolean, null). */
public final class Values {
  private Values() {}

  public static Object fromCel(Object v) {
    if (v == null || v instanceof NullValue || v instanceof dev.cel.common.values.NullValue) return null;
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) return v;
    if (v instanceof Integer i) return i.longValue();
    if (v instanceof Float f) return f.doubleValue();
    if (v instanceof UnsignedLong u) return u.longValue();
    if (v instanceof ByteString b) return b.toStringUtf8();
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(fromCel(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), fromCel(val)));
      return out;
    }
    if (v instanceof Timestamp || v instanceof Duration) return v.toString();
    return String.valueOf(v);
  }
}
