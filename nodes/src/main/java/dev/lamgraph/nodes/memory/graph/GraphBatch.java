package dev.lamgraph.nodes.memory.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shape a {@code memory} node's {@code op: link} writes, read from state:
 *
 * <pre>{@code
 * {"entities":  [{"id": "INC-2041", "type": "incident", "name": "Orders API timeouts", "properties": {...}, "source": "incidents.json"}],
 *  "relations": [{"from": "INC-2041", "type": "affected", "to": "billing-service", "properties": {...}}]}
 * }</pre>
 *
 * An entity needs {@code id} or {@code name} (each defaults to the other) and a {@code type}; a
 * relation needs {@code from}, {@code type} and {@code to}, each end an entity of the batch or one
 * already stored. {@code source} (optional, on either) overrides the provenance's source.
 */
public record GraphBatch(List<Graph.Entity> entities, List<Graph.Relation> relations) {
  private static final Set<String> ENTITY_KEYS = Set.of("id", "type", "name", "properties", "source");
  private static final Set<String> RELATION_KEYS = Set.of("from", "type", "to", "properties", "source");

  /** Reads a batch; a malformed one throws {@link IllegalArgumentException} with a one-line reason. */
  @SuppressWarnings("unchecked")
  public static GraphBatch parse(Object value, Graph.Provenance prov) {
    if (!(value instanceof Map<?, ?> m)) throw bad("the graph value must be an object {entities: [...], relations: [...]}; got " + kind(value));
    for (Object k : m.keySet()) {
      if (!"entities".equals(k) && !"relations".equals(k)) throw bad("the graph value has an unknown key '" + k + "' (entities, relations)");
    }
    List<Graph.Entity> es = new ArrayList<>();
    int i = 0;
    for (Object o : list(m.get("entities"), "entities")) {
      String at = "entities[" + i++ + "]";
      Map<String, Object> e = object(o, at, ENTITY_KEYS);
      String id = text(e.get("id"), at + ".id", false);
      String name = text(e.get("name"), at + ".name", false);
      if (id == null && name == null) throw bad(at + " needs an 'id' or a 'name'");
      String type = text(e.get("type"), at + ".type", true);
      es.add(new Graph.Entity(id == null ? name : id, type, name == null ? id : name, props(e.get("properties"), at), prov(prov, e, at)));
    }
    List<Graph.Relation> rs = new ArrayList<>();
    i = 0;
    for (Object o : list(m.get("relations"), "relations")) {
      String at = "relations[" + i++ + "]";
      Map<String, Object> r = object(o, at, RELATION_KEYS);
      rs.add(new Graph.Relation(text(r.get("from"), at + ".from", true), text(r.get("type"), at + ".type", true),
          text(r.get("to"), at + ".to", true), props(r.get("properties"), at), prov(prov, r, at)));
    }
    return new GraphBatch(es, rs);
  }

  private static Graph.Provenance prov(Graph.Provenance p, Map<String, Object> m, String at) {
    String src = text(m.get("source"), at + ".source", false);
    return src == null ? p : new Graph.Provenance(p.thread(), p.step(), src);
  }

  private static List<?> list(Object v, String key) {
    if (v == null) return List.of();
    if (v instanceof List<?> l) return l;
    throw bad("'" + key + "' must be a list; got " + kind(v));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object v, String at, Set<String> keys) {
    if (!(v instanceof Map<?, ?> m)) throw bad(at + " must be an object; got " + kind(v));
    for (Object k : m.keySet()) {
      if (!keys.contains(k)) throw bad(at + " has an unknown key '" + k + "' (" + String.join(", ", keys.stream().sorted().toList()) + ")");
    }
    return (Map<String, Object>) m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(Object v, String at) {
    if (v == null) return Map.of();
    if (v instanceof Map<?, ?> m) return new LinkedHashMap<>((Map<String, Object>) m);
    throw bad(at + ".properties must be an object; got " + kind(v));
  }

  private static String text(Object v, String at, boolean required) {
    if (v == null) {
      if (required) throw bad(at + " is missing");
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) throw bad(at + " must be a non-empty string; got " + kind(v));
    if (s.length() > 500) throw bad(at + " is longer than 500 characters");
    return s;
  }

  private static String kind(Object v) {
    return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "a list" : v instanceof String ? "a string"
        : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static IllegalArgumentException bad(String msg) {
    return new IllegalArgumentException(msg);
  }
}
