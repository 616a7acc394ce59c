package dev.lamgraph.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value that remembers where it was written. The loader builds this tree (rejecting
 * duplicate keys) so every later check can point at {@code file:line:col}.
 */
public sealed interface YNode {
  Pos pos();

  /** The value as plain JSON-shaped Java objects (Map, List, String, Long, Double, Boolean, null). */
  Object plain();

  /** The value as a Jackson tree (for JSON-Schema validation). */
  JsonNode json();

  /** A mapping; keys keep their order and positions. */
  record YMap(Map<String, Entry> entries, Pos pos) implements YNode {
    public YMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<YNode> get(String key) {
      Entry e = entries.get(key);
      return e == null ? Optional.empty() : Optional.of(e.value());
    }

    public Pos keyPos(String key) {
      Entry e = entries.get(key);
      return e == null ? pos : e.keyPos();
    }

    /** Position of the key's value, or of the map when the key is absent. */
    public Pos valuePos(String key) {
      Entry e = entries.get(key);
      return e == null ? pos : e.value().pos();
    }

    public Optional<String> string(String key) {
      return get(key).map(YNode::plain).filter(String.class::isInstance).map(String.class::cast);
    }

    @Override
    public Object plain() {
      Map<String, Object> m = new LinkedHashMap<>();
      entries.forEach((k, e) -> m.put(k, e.value().plain()));
      return m;
    }

    @Override
    public JsonNode json() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      entries.forEach((k, e) -> o.set(k, e.value().json()));
      return o;
    }
  }

  /** One key of a mapping. */
  record Entry(String key, Pos keyPos, YNode value) {}

  /** A sequence. */
  record YList(List<YNode> items, Pos pos) implements YNode {
    public YList {
      items = List.copyOf(items);
    }

    @Override
    public Object plain() {
      List<Object> l = new ArrayList<>(items.size());
      for (YNode n : items) l.add(n.plain());
      return l;
    }

    @Override
    public JsonNode json() {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      items.forEach(n -> a.add(n.json()));
      return a;
    }
  }

  /** A scalar: String, Long, Double, Boolean or null. */
  record YScalar(Object value, Pos pos) implements YNode {
    @Override
    public Object plain() {
      return value;
    }

    @Override
    public JsonNode json() {
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (value == null) return f.nullNode();
      if (value instanceof String s) return f.textNode(s);
      if (value instanceof Long l) return f.numberNode(l);
      if (value instanceof Double d) return f.numberNode(d);
      if (value instanceof Boolean b) return f.booleanNode(b);
      return f.textNode(String.valueOf(value));
    }
  }

  /** Follows a JSON-pointer-like path of keys and indexes; stops at the deepest existing node. */
  default YNode at(List<Object> path) {
    YNode cur = this;
    for (Object p : path) {
      if (cur instanceof YMap m && m.get(String.valueOf(p)).isPresent()) {
        cur = m.get(String.valueOf(p)).get();
      } else if (cur instanceof YList l && p instanceof Integer i && i < l.items().size()) {
        cur = l.items().get(i);
      } else {
        return cur;
      }
    }
    return cur;
  }
}
