package dev.lamgraph.visualizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link GraphView} as a Mermaid {@code flowchart}: START/END as circles, one shape per
 * node kind, conditional edges dotted and labelled with their (shortened, escaped) condition, the
 * else branch marked, error routes thick. Node ids are generated ({@code n1, n2...}), so any name
 * a user can write renders; labels are escaped with Mermaid entity codes. Same input, same bytes.
 *
 * <pre>{@code
 * String text = new MermaidWriter().direction(Direction.LR).write(view, overlay);
 * }</pre>
 */
public final class MermaidWriter {
  /** Longest condition shown on an edge before it is shortened with an ellipsis. */
  public static final int MAX_LABEL = 48;
  private Direction direction = Direction.TD;

  public MermaidWriter direction(Direction d) {
    this.direction = d;
    return this;
  }

  public String write(GraphView view) {
    return write(view, RunOverlay.NONE);
  }

  /**
   * As {@link #write(GraphView, RunOverlay)}, with the nodes running now ({@code current}: the
   * next step of a live run) drawn as such (class {@code current}, a thick blue border).
   */
  public String write(GraphView view, RunOverlay overlay, Collection<String> current) {
    StringBuilder sb = new StringBuilder(write(view, overlay));
    Map<String, String> ids = ids(view);
    List<String> running = current.stream().filter(ids::containsKey).map(ids::get).distinct().toList();
    if (!running.isEmpty()) {
      sb.append("  classDef current stroke:#0969da,stroke-width:5px\n");
      sb.append("  class ").append(String.join(",", running)).append(" current\n");
    }
    return sb.toString();
  }

  public String write(GraphView view, RunOverlay overlay) {
    StringBuilder sb = new StringBuilder();
    sb.append("---\ntitle: ").append(titleText(view.name())).append("\n---\n");
    sb.append("flowchart ").append(direction.name()).append('\n');
    Map<String, String> ids = ids(view);
    sb.append("  lam_start((\"START\"))\n");
    sb.append("  lam_end((\"END\"))\n");
    for (GraphView.Node n : view.nodes()) {
      String label = label(n.name());
      int visits = overlay.visits().getOrDefault(n.name(), 0);
      if (visits > 1) label += " ×" + visits;
      sb.append("  ").append(ids.get(n.name())).append(Shapes.wrap(n.kind(), "\"" + label + "\"")).append('\n');
    }
    List<Integer> taken = new ArrayList<>();
    int index = 0;
    for (GraphView.Edge e : view.edges()) {
      String from = ids.get(e.from());
      String to = ids.get(e.to());
      if (from == null || to == null) continue;
      sb.append("  ").append(from).append(arrow(e)).append(to).append('\n');
      if (overlay.taken().contains(RunOverlay.key(e.from(), e.to()))) taken.add(index);
      index++;
    }
    Map<String, List<String>> byClass = new TreeMap<>();
    for (GraphView.Node n : view.nodes()) {
      byClass.computeIfAbsent("kind_" + Shapes.cssName(n.kind()), k -> new ArrayList<>()).add(ids.get(n.name()));
    }
    byClass.keySet().forEach(c -> sb.append("  classDef ").append(c).append(' ').append(Shapes.style(c)).append('\n'));
    byClass.forEach((c, members) -> sb.append("  class ").append(String.join(",", members)).append(' ').append(c).append('\n'));
    sb.append("  classDef terminal fill:#222,stroke:#222,color:#fff\n");
    sb.append("  class lam_start,lam_end terminal\n");
    overlayStyles(sb, view, overlay, ids, taken);
    return sb.toString();
  }

  /** The generated Mermaid id of every node (START and END included). */
  private static Map<String, String> ids(GraphView view) {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put(GraphView.START, "lam_start");
    ids.put(GraphView.END, "lam_end");
    int i = 1;
    for (GraphView.Node n : view.nodes()) ids.put(n.name(), "n" + i++);
    return ids;
  }

  private static void overlayStyles(StringBuilder sb, GraphView view, RunOverlay overlay, Map<String, String> ids,
      List<Integer> taken) {
    if (overlay == RunOverlay.NONE) return;
    List<String> visited = new ArrayList<>();
    for (GraphView.Node n : view.nodes()) if (overlay.visits().containsKey(n.name())) visited.add(ids.get(n.name()));
    if (overlay.started()) visited.add(0, "lam_start");
    if (overlay.finished()) visited.add("lam_end");
    sb.append("  classDef visited stroke:#1a7f37,stroke-width:3px\n");
    if (!visited.isEmpty()) sb.append("  class ").append(String.join(",", visited)).append(" visited\n");
    if (overlay.failed() != null && ids.containsKey(overlay.failed())) {
      sb.append("  classDef failed fill:#ffebe9,stroke:#cf222e,stroke-width:4px\n");
      sb.append("  class ").append(ids.get(overlay.failed())).append(" failed\n");
    }
    if (overlay.paused() != null && ids.containsKey(overlay.paused())) {
      sb.append("  classDef paused fill:#fff8c5,stroke:#9a6700,stroke-width:4px,stroke-dasharray:6 3\n");
      sb.append("  class ").append(ids.get(overlay.paused())).append(" paused\n");
    }
    if (!taken.isEmpty()) {
      List<String> idx = taken.stream().map(String::valueOf).toList();
      sb.append("  linkStyle ").append(String.join(",", idx)).append(" stroke:#1a7f37,stroke-width:3px\n");
    }
  }

  private static String arrow(GraphView.Edge e) {
    return switch (e.kind()) {
      case STATIC -> " --> ";
      case CONDITIONAL -> " -.->|\"" + label(shorten(e.label())) + "\"| ";
      case ELSE -> " -.->|\"else\"| ";
      case ERROR -> " ==>|\"on error\"| ";
      case JOIN -> " -->|\"join\"| ";
    };
  }

  static String shorten(String s) {
    String flat = s.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_LABEL ? flat : flat.substring(0, MAX_LABEL - 1) + "…";
  }

  private static String titleText(String name) {
    return name.replaceAll("[^A-Za-z0-9 _.-]", "_");
  }

  /** Escapes text for a quoted Mermaid label: entity codes for characters Mermaid would parse. */
  static String label(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("#quot;");
        case '#' -> sb.append("#35;");
        case '<' -> sb.append("#lt;");
        case '>' -> sb.append("#gt;");
        case '&' -> sb.append("#amp;");
        case '|' -> sb.append("#124;");
        case '`' -> sb.append("#96;");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
