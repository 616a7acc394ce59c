package dev.lamgraph.visualizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One self-contained HTML page (works offline: Mermaid 11's script is embedded) showing a
 * diagram and optional sections (timeline, per-step states).
 *
 * <pre>{@code
 * String html = HtmlPage.render("agent-loop", mermaidText, List.of(new HtmlPage.Section("Timeline", "<pre>..</pre>")));
 * }</pre>
 */
public final class HtmlPage {
  private static volatile String mermaidJs;

  /** A titled block of already-escaped HTML. */
  public record Section(String title, String html) {}

  private HtmlPage() {}

  public static String render(String title, String mermaid, List<Section> sections) {
    StringBuilder sb = new StringBuilder(4_000_000);
    sb.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}")
        .append("pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:12px}")
        .append("pre.mermaid{background:#fff}details{margin:.25rem 0}summary{cursor:pointer;font-family:monospace}")
        .append("h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem}\n</style>\n</head>\n<body>\n<h1>")
        .append(escape(title)).append("</h1>\n<section id=\"diagram\">\n<pre class=\"mermaid\">\n")
        .append(escape(mermaid)).append("</pre>\n</section>\n");
    for (Section s : sections) {
      String id = s.title().toLowerCase().replaceAll("[^a-z0-9]+", "-");
      sb.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(s.title())).append("</h2>\n")
          .append(s.html()).append("\n</section>\n");
    }
    sb.append("<script>\n").append(mermaidJs()).append("\n</script>\n")
        .append("<script>mermaid.initialize({startOnLoad:true,securityLevel:'strict'});</script>\n")
        .append("</body>\n</html>\n");
    return sb.toString();
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String mermaidJs() {
    String js = mermaidJs;
    if (js == null) {
      try (InputStream in = HtmlPage.class.getResourceAsStream("mermaid.min.js")) {
        js = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      mermaidJs = js;
    }
    return js;
  }
}
