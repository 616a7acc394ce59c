package dev.lamgraph.visualizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mermaid for part of a graph memory: one box per entity ({@code name} and {@code type}), one labelled arrow per
 * relation, the entities the drawing starts from highlighted. Ids are generated ({@code e0, e1...}), labels escaped,
 * so any entity name draws.
 *
 * <pre>{@code
 * String mmd = EntityDiagram.write("ops", List.of(new EntityDiagram.Box("svc", "orders-service", "service")),
 *     List.of(), List.of("svc"));
 * }</pre>
 */
public final class EntityDiagram {
  private EntityDiagram() {}

  /** An entity to draw. */
  public record Box(String id, String name, String type) {}

  /** A relation to draw, from and to entity ids. */
  public record Arrow(String from, String type, String to) {}

  /** The diagram; {@code roots} are highlighted; arrows whose ends are not drawn are left out. */
  public static String write(String title, List<Box> boxes, List<Arrow> arrows, List<String> roots) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Box b : boxes) ids.putIfAbsent(b.id(), "e" + ids.size());
    StringBuilder sb = new StringBuilder();
    sb.append("---\ntitle: ").append(title.replaceAll("[^A-Za-z0-9 _./-]", "_")).append("\n---\nflowchart LR\n");
    java.util.Set<String> drawn = new java.util.HashSet<>();
    for (Box b : boxes) {
      if (!drawn.add(b.id())) continue;
      sb.append("  ").append(ids.get(b.id())).append("[\"").append(MermaidWriter.label(MermaidWriter.shorten(b.name())))
          .append(" · ").append(MermaidWriter.label(b.type())).append("\"]\n");
    }
    for (Arrow a : arrows) {
      String f = ids.get(a.from());
      String t = ids.get(a.to());
      if (f == null || t == null) continue;
      sb.append("  ").append(f).append(" -->|\"").append(MermaidWriter.label(MermaidWriter.shorten(a.type()))).append("\"| ").append(t).append('\n');
    }
    sb.append("  classDef root fill:#fde68a,stroke:#b45309,stroke-width:2px\n");
    for (String r : roots) {
      if (ids.containsKey(r)) sb.append("  class ").append(ids.get(r)).append(" root\n");
    }
    return sb.toString();
  }
}
