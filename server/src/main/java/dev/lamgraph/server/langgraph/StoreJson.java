package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.store.StoreItem;
import dev.lamgraph.engine.util.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The LangGraph store's JSON shapes and matching: an item ({@code namespace, key, value,
 * created_at, updated_at}, plus {@code score} in a search with a query), a search filter (equality
 * on top-level value fields, or the operators {@code $eq $ne $gt $gte $lt $lte $in $nin}), the
 * text query (a case-insensitive match of the query's words in the value's strings: the score is
 * the share of words found; no embeddings), and namespace listing (prefix and suffix with {@code
 * *} for any label, {@code max_depth}).
 */
public final class StoreJson {
  private static final Set<String> OPERATORS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin");

  private StoreJson() {}

  /** The item as LangGraph answers it; {@code score} is added when not null. */
  public static Map<String, Object> item(StoreItem i, Double score) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", i.namespace());
    m.put("key", i.key());
    m.put("value", Json.read(i.valueJson()));
    m.put("created_at", i.createdAt().toString());
    m.put("updated_at", i.updatedAt().toString());
    if (score != null) m.put("score", score);
    return m;
  }

  /** 422 unless {@code filter} is one this store can apply (known operators only). */
  public static void checkFilter(Map<String, Object> filter) {
    filter.forEach((field, want) -> {
      if (!isOperators(want)) return;
      for (String op : ((Map<?, ?>) want).keySet().stream().map(String::valueOf).toList()) {
        if (!OPERATORS.contains(op)) {
          throw ApiException.invalid("filter." + field + ": unknown operator '" + op + "'; known: " + String.join(", ", OPERATORS.stream().sorted().toList()));
        }
      }
    });
  }

  /** Whether a value (a JSON object) passes every field of {@code filter}. */
  public static boolean matches(Object value, Map<String, Object> filter) {
    Map<?, ?> v = value instanceof Map<?, ?> m ? m : Map.of();
    for (Map.Entry<String, Object> f : filter.entrySet()) {
      Object have = v.get(f.getKey());
      if (isOperators(f.getValue())) {
        for (Map.Entry<?, ?> op : ((Map<?, ?>) f.getValue()).entrySet()) {
          if (!operator(String.valueOf(op.getKey()), have, op.getValue())) return false;
        }
      } else if (!same(have, f.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The share (0 to 1) of the query's words found, ignoring case, in the value's strings and numbers. */
  public static double score(Object value, String query) {
    Set<String> words = words(query);
    return words.isEmpty() ? 0 : (double) found(value, words) / words.size();
  }

  /** The query's distinct words, lower case (a query's score is the share of them a value holds). */
  public static Set<String> words(String query) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) words.add(w);
    return words;
  }

  /** How many of {@code words} (from {@link #words}) the value's strings and numbers hold, ignoring case. */
  public static int found(Object value, Set<String> words) {
    StringBuilder text = new StringBuilder();
    leaves(value, text);
    String t = text.toString().toLowerCase(Locale.ROOT);
    return (int) words.stream().filter(t::contains).count();
  }

  /**
   * The namespaces among {@code all} (ordered) that start with {@code prefix} and end with {@code
   * suffix} ({@code *} matches any label), cut to {@code maxDepth} labels (null: whole), without
   * duplicates, ordered, from {@code offset}, at most {@code limit}.
   */
  public static List<List<String>> namespaces(List<List<String>> all, List<String> prefix, List<String> suffix, Integer maxDepth,
      int offset, int limit) {
    TreeMap<String, List<String>> kept = new TreeMap<>();
    for (List<String> ns : all) {
      if (!matchesAt(ns, prefix, 0) || !matchesAt(ns, suffix, ns.size() - suffix.size())) continue;
      List<String> cut = maxDepth == null || ns.size() <= maxDepth ? ns : ns.subList(0, maxDepth);
      kept.put(String.join(".", cut), List.copyOf(cut));
    }
    return new ArrayList<>(kept.values()).stream().skip(offset).limit(limit).toList();
  }

  private static boolean matchesAt(List<String> ns, List<String> pattern, int from) {
    if (pattern.size() > ns.size() || from < 0) return false;
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      if (!p.equals("*") && !p.equals(ns.get(from + i))) return false;
    }
    return true;
  }

  private static boolean isOperators(Object want) {
    return want instanceof Map<?, ?> m && !m.isEmpty() && m.keySet().stream().allMatch(k -> String.valueOf(k).startsWith("$"));
  }

  private static boolean operator(String op, Object have, Object want) {
    return switch (op) {
      case "$eq" -> same(have, want);
      case "$ne" -> !same(have, want);
      case "$gt" -> compare(have, want) > 0;
      case "$gte" -> compare(have, want) >= 0;
      case "$lt" -> compare(have, want) < 0 && compare(have, want) != Integer.MIN_VALUE;
      case "$lte" -> compare(have, want) <= 0 && compare(have, want) != Integer.MIN_VALUE;
      case "$in" -> want instanceof List<?> l && l.stream().anyMatch(x -> same(have, x));
      case "$nin" -> !(want instanceof List<?> l) || l.stream().noneMatch(x -> same(have, x));
      default -> false;
    };
  }

  /** Numbers by value, strings in order; MIN_VALUE when they cannot be compared. */
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return Integer.signum(decimal(x).compareTo(decimal(y)));
    if (a instanceof String x && b instanceof String y) return Integer.signum(x.compareTo(y));
    return Integer.MIN_VALUE;
  }

  /** JSON equality: numbers by value (1 equals 1.0), objects and arrays by their contents. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return decimal(x).compareTo(decimal(y)) == 0;
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size() && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && same(e.getValue(), y.get(e.getKey())));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) return false;
      for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
      return true;
    }
    return java.util.Objects.equals(a, b);
  }

  private static BigDecimal decimal(Number n) {
    return new BigDecimal(n.toString());
  }

  private static void leaves(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> m) m.values().forEach(x -> leaves(x, out));
    else if (v instanceof List<?> l) l.forEach(x -> leaves(x, out));
    else if (v instanceof String || v instanceof Number) out.append(v).append('\n');
  }
}
