package dev.lamgraph.visualizer;

import java.util.Map;

/** One Mermaid shape and colour per node kind; unknown kinds get a plain rectangle. */
final class Shapes {
  private static final Map<String, String[]> SHAPES = Map.of(
      "set", new String[] {"[", "]"},
      "llm", new String[] {"([", "])"},
      "planner", new String[] {"{{", "}}"},
      "tool", new String[] {"[[", "]]"},
      "reviewer", new String[] {"{", "}"},
      "memory", new String[] {"[(", ")]"},
      "human", new String[] {"[/", "/]"},
      "subgraph", new String[] {"[[", "]]"},
      "map", new String[] {"[[", "]]"});
  private static final Map<String, String> STYLES = Map.of(
      "kind_set", "fill:#f6f8fa,stroke:#57606a",
      "kind_llm", "fill:#ddf4ff,stroke:#0969da",
      "kind_planner", "fill:#fbefff,stroke:#8250df",
      "kind_tool", "fill:#fff1e5,stroke:#bc4c00",
      "kind_reviewer", "fill:#dafbe1,stroke:#1a7f37",
      "kind_memory", "fill:#fff8c5,stroke:#9a6700",
      "kind_human", "fill:#ffeff7,stroke:#bf3989");

  private Shapes() {}

  static String wrap(String kind, String label) {
    String[] s = SHAPES.getOrDefault(kind, new String[] {"[", "]"});
    return s[0] + label + s[1];
  }

  /** The style of every known kind's class ({@code kind_NAME}), in a stable order. */
  static Map<String, String> styles() {
    return new java.util.TreeMap<>(STYLES);
  }

  static String style(String cssClass) {
    return STYLES.getOrDefault(cssClass, "fill:#f6f8fa,stroke:#57606a");
  }

  /** A CSS-safe class suffix for a kind name. */
  static String cssName(String kind) {
    return kind.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
