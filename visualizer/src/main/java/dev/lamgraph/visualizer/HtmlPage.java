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

  /** Timeline table, waterfall bars, legend swatches and state diffs (trace pages). */
  private static final String TABLE_CSS = "table.timeline{border-collapse:collapse;font-size:12px;width:100%}"
      + "table.timeline td,table.timeline th{border-bottom:1px solid #eaeef2;padding:2px 6px;text-align:left;"
      + "vertical-align:top;font-family:monospace;white-space:nowrap}table.timeline td:last-child{white-space:normal}"
      + "table.nested{margin:.25rem 0 .25rem 1rem;width:auto}"
      + "td.wf,th.wf{position:relative;width:30%;min-width:12rem}"
      + ".bar{position:absolute;top:4px;bottom:4px;min-width:1px;background:#1a7f37}"
      + ".tick{position:absolute;top:2px;bottom:2px;width:1px;background:#8c959f}"
      + ".st-retry .bar,.st-retry .bar-key{background:#9a6700}.st-failed .bar,.st-failed .bar-key{background:#cf222e}"
      + ".st-error .bar,.st-error .bar-key{background:#bc4c00}tr.st-failed td{color:#cf222e}"
      + ".bar-key{display:inline-block;width:2rem;height:.7rem;margin-right:.3rem;background:#1a7f37}"
      + ".legend div{margin:.3rem 0}.sw{display:inline-block;margin-right:1rem;font-size:13px}"
      + ".box{display:inline-block;width:1.1rem;height:.8rem;margin-right:.3rem;vertical-align:middle}"
      + ".edge{display:inline-block;width:2rem;border-top:3px solid #1a7f37;margin-right:.3rem;vertical-align:middle}"
      + "ul.nodes{list-style:none;padding-left:0;columns:2}ul.nodes li{margin:.15rem 0}"
      + "ul.diff{font-family:monospace;font-size:12px;padding-left:1rem}.diff .add{color:#1a7f37}"
      + ".diff .del{color:#cf222e}.diff .chg{color:#9a6700}:target{outline:2px solid #0969da}";
  /** Opens a collapsed step when a link (or the address) points at it. */
  private static final String OPEN_TARGET = "function lamOpen(){var t=location.hash&&document.getElementById("
      + "location.hash.slice(1));if(t&&t.tagName==='DETAILS')t.open=true;}"
      + "addEventListener('hashchange',lamOpen);lamOpen();";

  private HtmlPage() {}

  public static String render(String title, String mermaid, List<Section> sections) {
    StringBuilder sb = new StringBuilder(4_000_000);
    sb.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}")
        .append("pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:12px}")
        .append("pre.mermaid{background:#fff}details{margin:.25rem 0}summary{cursor:pointer;font-family:monospace}")
        .append("h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem}")
        .append(TABLE_CSS).append("\n</style>\n</head>\n<body>\n<h1>")
        .append(escape(title)).append("</h1>\n<section id=\"diagram\">\n<pre class=\"mermaid\">\n")
        .append(escape(mermaid)).append("</pre>\n</section>\n");
    for (Section s : sections) {
      String id = s.title().toLowerCase().replaceAll("[^a-z0-9]+", "-");
      sb.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(s.title())).append("</h2>\n")
          .append(s.html()).append("\n</section>\n");
    }
    sb.append("<script>\n").append(mermaidJs()).append("\n</script>\n")
        .append("<script>").append(OPEN_TARGET).append("</script>\n")
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
