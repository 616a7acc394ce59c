package dev.lamgraph.engine.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON-shaped values (maps with string keys, lists, strings, integers, doubles, booleans,
 * null) as JSON text straight into a {@link StringBuilder}, with the exact output of
 * {@link Json#MAPPER} (the same escapes, number forms and key order). Any other value (a
 * {@code BigDecimal}, an {@code Instant}, a record...) is handed to Jackson, so the text never
 * differs from {@code Json.MAPPER.writeValueAsString(v)}.
 *
 * <p>Why: every step encodes its writes and events; Jackson's per-call set-up (a serializer
 * provider, a generator, serializer look-ups) costs more than the values themselves for the small
 * updates of a step, and far more while the code still runs in the bytecode interpreter (the first
 * steps of a {@code lam run} process).
 *
 * <pre>{@code
 * StringBuilder b = new StringBuilder();
 * JsonText.append(b, Map.of("count", 3L));   // {"count":3}
 * }</pre>
 */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** {@code v} as JSON text. */
  public static String write(Object v) {
    StringBuilder b = new StringBuilder(64);
    append(b, v);
    return b.toString();
  }

  /** Appends {@code v} as JSON text; returns {@code b}. */
  public static StringBuilder append(StringBuilder b, Object v) {
    if (v == null) return b.append("null");
    if (v instanceof String s) return quote(b, s);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return b.append(v);
    if (v instanceof Boolean x) return b.append(x.booleanValue());
    if (v instanceof Double d) return number(b, d, Double.isFinite(d));
    if (v instanceof Float f) return number(b, f, Float.isFinite(f));
    if (v instanceof Map<?, ?> m && stringKeys(m)) return object(b, m);
    if (v instanceof Collection<?> c && (v instanceof java.util.List<?> || v instanceof java.util.Set<?>)) return array(b, c);
    return jackson(b, v);
  }

  /** The length in chars of {@code v}'s JSON text, counted without building it (what {@link JsonSize} reports). */
  public static long length(Object v) {
    if (v == null) return 4;
    if (v instanceof String s) return quotedLength(s);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return digits(((Number) v).longValue());
    if (v instanceof Boolean x) return x ? 4 : 5;
    if (v instanceof Double d) return d.toString().length() + (Double.isFinite(d) ? 0 : 2);
    if (v instanceof Float f) return f.toString().length() + (Float.isFinite(f) ? 0 : 2);
    if (v instanceof Map<?, ?> m && stringKeys(m)) {
      long n = 1 + Math.max(1, m.size());   // braces and the commas between entries
      for (Map.Entry<?, ?> e : m.entrySet()) n += quotedLength((String) e.getKey()) + 1 + length(e.getValue());
      return n;
    }
    if (v instanceof Collection<?> c && (v instanceof java.util.List<?> || v instanceof java.util.Set<?>)) {
      long n = 1 + Math.max(1, c.size());   // brackets and the commas between items
      for (Object o : c) n += length(o);
      return n;
    }
    return jackson(new StringBuilder(), v).length();
  }

  private static long quotedLength(String s) {
    long n = s.length() + 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      n += c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ? 1 : 5;
    }
    return n;
  }

  private static long digits(long x) {
    if (x == Long.MIN_VALUE) return 20;
    long n = x < 0 ? 2 : 1;
    for (long a = Math.abs(x); a >= 10; a /= 10) n++;
    return n;
  }

  /** Appends {@code s} as a quoted JSON string (Jackson's escapes: {@code \" \\ \b \f \n \r \t}, other controls as a backslash, {@code u00XX}). */
  public static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    int start = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      b.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return b.append(s, start, n).append('"');
  }

  /** Jackson writes NaN and the infinities as strings ({@code "NaN"}), finite values as {@code Double.toString}. */
  private static StringBuilder number(StringBuilder b, Object v, boolean finite) {
    return finite ? b.append(v) : b.append('"').append(v).append('"');
  }

  private static boolean stringKeys(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) return false;
    }
    return true;
  }

  private static StringBuilder object(StringBuilder b, Map<?, ?> m) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) b.append(',');
      first = false;
      quote(b, (String) e.getKey()).append(':');
      append(b, e.getValue());
    }
    return b.append('}');
  }

  private static StringBuilder array(StringBuilder b, Collection<?> c) {
    b.append('[');
    boolean first = true;
    for (Object o : c) {
      if (!first) b.append(',');
      first = false;
      append(b, o);
    }
    return b.append(']');
  }

  private static StringBuilder jackson(StringBuilder b, Object v) {
    try {
      return b.append(Json.MAPPER.writeValueAsString(v));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not JSON-shaped: " + e.getOriginalMessage(), e);
    }
  }
}
