package dev.lamgraph.visualizer;

import java.util.List;
import java.util.Map;

/**
 * The key to a trace page's colours: node kinds (the diagram's fills, from {@link Shapes}), the
 * run overlay (visited, failed, paused nodes; taken edges) and the timeline's bars by status.
 */
final class Legend {
  private Legend() {}

  static String html() {
    StringBuilder sb = new StringBuilder("<div class=\"legend\">\n<div><b>node kinds</b> ");
    for (Map.Entry<String, String> k : Shapes.styles().entrySet()) {
      sb.append(swatch(css(k.getValue()), k.getKey().substring("kind_".length())));
    }
    sb.append(swatch(css("fill:#f6f8fa,stroke:#57606a"), "other (map, subgraph, …)"))
        .append(swatch(css("fill:#222,stroke:#222"), "start / end")).append("</div>\n<div><b>run</b> ");
    sb.append(swatch("background:#fff;border:3px solid #1a7f37", "visited"))
        .append(swatch("background:#ffebe9;border:4px solid #cf222e", "failed"))
        .append(swatch("background:#fff8c5;border:4px dashed #9a6700", "paused"))
        .append(swatch("background:#fff;border:5px solid #0969da", "next (live run)"))
        .append("<span class=\"sw\"><span class=\"edge\"></span>edge taken</span>")
        .append("</div>\n<div><b>timeline bars</b> ");
    for (String s : List.of("ok", "retry", "failed", "error")) {
      sb.append("<span class=\"sw st-").append(s).append("\"><span class=\"bar-key\"></span>").append(s).append("</span>");
    }
    return sb.append("</div>\n</div>\n").toString();
  }

  private static String swatch(String style, String label) {
    return "<span class=\"sw\"><span class=\"box\" style=\"" + style + "\"></span>" + HtmlPage.escape(label) + "</span>";
  }

  /** A Mermaid style ({@code fill:#x,stroke:#y}) as CSS for a swatch. */
  static String css(String mermaidStyle) {
    String fill = "#fff";
    String stroke = "#57606a";
    for (String part : mermaidStyle.split(",")) {
      String[] kv = part.split(":", 2);
      if (kv.length < 2) continue;
      if (kv[0].equals("fill")) fill = kv[1];
      if (kv[0].equals("stroke")) stroke = kv[1];
    }
    return "background:" + fill + ";border:2px solid " + stroke;
  }
}
