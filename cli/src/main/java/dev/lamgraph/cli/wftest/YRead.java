package dev.lamgraph.cli.wftest;

import dev.lamgraph.engine.spec.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small typed reads of a schema-checked YAML tree (the schema already vouched for the shapes). */
final class YRead {
  private YRead() {}

  static String string(YNode.YMap m, String key) {
    return m.get(key).map(YNode::plain).filter(String.class::isInstance).map(String.class::cast).orElse(null);
  }

  static YNode.YMap map(YNode.YMap m, String key) {
    return m.get(key).filter(YNode.YMap.class::isInstance).map(YNode.YMap.class::cast).orElse(null);
  }

  static List<YNode> list(YNode n) {
    if (n instanceof YNode.YList l) return l.items();
    return n == null ? List.of() : List.of(n);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> plainMap(YNode n) {
    return n == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) n.plain());
  }

  static List<String> strings(YNode n) {
    List<String> out = new ArrayList<>();
    for (YNode i : list(n)) out.add(String.valueOf(i.plain()));
    return out;
  }

  static Integer integer(YNode.YMap m, String key) {
    return m.get(key).map(YNode::plain).filter(Long.class::isInstance).map(v -> ((Long) v).intValue()).orElse(null);
  }
}
