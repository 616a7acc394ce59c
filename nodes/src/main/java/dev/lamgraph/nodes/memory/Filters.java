package dev.lamgraph.nodes.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata filters and rank fusion for recall. A filter maps metadata keys to a value or a list
 * of values (any of them); all keys must match; only scalar metadata (text, numbers, booleans) can
 * be matched, compared by their text ({@code 3} and {@code 3.0} match).
 *
 * <pre>{@code
 * Map<String, List<String>> f = Filters.of(Map.of("type", List.of("md", "pdf"), "page", 2L));
 * Filters.matches(Map.of("type", "pdf", "page", 2L), f);  // true
 * }</pre>
 */
final class Filters {
  /** The k of reciprocal rank fusion: score = sum over rankings of 1 / (K + rank). */
  static final int RRF_K = 60;

  private Filters() {}

  /** A filter from a CEL value (an object of scalars or lists of scalars). */
  static Map<String, List<String>> of(Map<?, ?> value) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var e : value.entrySet()) {
      List<String> vs = new ArrayList<>();
      if (e.getValue() instanceof Collection<?> c) {
        for (Object v : c) vs.add(text(v));
      } else {
        vs.add(text(e.getValue()));
      }
      out.put(String.valueOf(e.getKey()), vs);
    }
    return out;
  }

  /** The text a scalar is indexed and compared as. */
  static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
    if (v instanceof Float f && f == Math.rint(f) && !f.isInfinite()) return Long.toString(f.longValue());
    return String.valueOf(v);
  }

  static boolean matches(Map<String, Object> metadata, Map<String, List<String>> filter) {
    for (var e : filter.entrySet()) {
      Object v = metadata.get(e.getKey());
      if (v == null || !e.getValue().contains(text(v))) return false;
    }
    return true;
  }

  /** Reciprocal rank fusion of rankings (ids best first): fused scores, best first, ties by id. */
  static List<VectorIndex.Scored> fuse(List<List<VectorIndex.Scored>> rankings, int k) {
    Map<String, Double> score = new HashMap<>();
    for (List<VectorIndex.Scored> r : rankings) {
      for (int i = 0; i < r.size(); i++) score.merge(r.get(i).id(), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    List<VectorIndex.Scored> out = new ArrayList<>();
    score.forEach((id, s) -> out.add(new VectorIndex.Scored(id, s)));
    out.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
    return out.subList(0, Math.min(k, out.size()));
  }
}
