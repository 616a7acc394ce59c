package dev.lamgraph.nodes.memory.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of a graph memory and a part of it (a subgraph) as written to state. */
public final class Graph {
  private Graph() {}

  /** Where a fact came from: the run's thread, its step, and a source (the node's name or a document). */
  public record Provenance(String thread, long step, String source) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("thread", thread == null ? "" : thread);
      m.put("step", step);
      m.put("source", source == null ? "" : source);
      return m;
    }
  }

  /** A named thing of a type (service, exception, incident...) with properties. */
  public record Entity(String id, String type, String name, Map<String, Object> properties, Provenance provenance) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("type", type);
      m.put("name", name);
      m.put("properties", properties);
      m.put("provenance", provenance.asMap());
      return m;
    }
  }

  /** A typed, directed relation between two entities, with properties. */
  public record Relation(String from, String type, String to, Map<String, Object> properties, Provenance provenance) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", from);
      m.put("type", type);
      m.put("to", to);
      m.put("properties", properties);
      m.put("provenance", provenance.asMap());
      return m;
    }
  }

  /** Part of the graph: entities and the relations among them. */
  public record Sub(List<Entity> entities, List<Relation> relations) {
    /** {@code {entities: [...], relations: [...], facts: ["A type B", ...]}}, facts one line per relation by entity names. */
    public Map<String, Object> asMap() {
      Map<String, String> names = new LinkedHashMap<>();
      entities.forEach(e -> names.put(e.id(), e.name()));
      List<Object> es = new ArrayList<>();
      entities.forEach(e -> es.add(e.asMap()));
      List<Object> rs = new ArrayList<>();
      List<Object> facts = new ArrayList<>();
      for (Relation r : relations) {
        rs.add(r.asMap());
        facts.add(names.getOrDefault(r.from(), r.from()) + " " + r.type() + " " + names.getOrDefault(r.to(), r.to()));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entities", es);
      m.put("relations", rs);
      m.put("facts", facts);
      return m;
    }
  }
}
