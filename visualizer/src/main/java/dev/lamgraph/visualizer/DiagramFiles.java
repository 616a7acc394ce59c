package dev.lamgraph.visualizer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats of {@code lam diagram -o FILE}: {@code .mmd} (Mermaid text), {@code .md} (a
 * fenced mermaid block that GitHub renders), {@code .html} (a self-contained page), {@code .svg}
 * (rendered by the Mermaid CLI, see {@link SvgRenderer}).
 */
public enum DiagramFiles {
  MMD, MD, HTML, SVG;

  public static Optional<DiagramFiles> forFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (DiagramFiles f : values()) if (n.endsWith("." + f.name().toLowerCase(Locale.ROOT))) return Optional.of(f);
    return Optional.empty();
  }

  /** The text form of this format ({@link #SVG} is produced by {@link SvgRenderer} instead). */
  public String text(String title, String mermaid) {
    return switch (this) {
      case MMD -> mermaid;
      case MD -> "# " + title + "\n\n```mermaid\n" + mermaid + "```\n";
      case HTML -> HtmlPage.render(title, mermaid, List.of());
      case SVG -> throw new IllegalStateException("SVG is rendered by SvgRenderer");
    };
  }
}
