package dev.lamgraph.visualizer;

import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's timeline as an HTML table: one row per node attempt (and run event), with a waterfall
 * bar (pure CSS: offset and width in percent of the run's wall time). A map node's items and a
 * subgraph's child run are folded into an expandable {@code <details>} in their node's row.
 * Every text from the run is HTML-escaped.
 *
 * <pre>{@code
 * String html = TraceTimeline.render(store.events(threadId));
 * }</pre>
 */
public final class TraceTimeline {
  private final Instant start;
  private final long totalNanos;
  private final java.util.Set<Long> anchored = new java.util.HashSet<>();

  private TraceTimeline(Instant start, long totalNanos) {
    this.start = start;
    this.totalNanos = Math.max(1, totalNanos);
  }

  /** The table for these events (in stored order); the first row of step N has id {@code tl-N}. */
  public static String render(List<TraceEvent> events) {
    if (events.isEmpty()) return "<p>no events</p>";
    Instant start = events.get(0).time();
    long total = 0;
    for (TraceEvent e : events) {
      long at = Duration.between(start, e.time()).toNanos();
      total = Math.max(total, Math.max(at, durationNanos(e)));
    }
    TraceTimeline t = new TraceTimeline(start, total);
    Map<String, List<TraceEvent>> nested = new LinkedHashMap<>();
    List<TraceEvent> top = new ArrayList<>();
    for (TraceEvent e : events) {
      String parent = parentKey(e);
      if (parent != null) nested.computeIfAbsent(parent, k -> new ArrayList<>()).add(e);
      else top.add(e);
    }
    StringBuilder sb = new StringBuilder("<table class=\"timeline\">\n<thead><tr><th>step</th><th>at</th><th>node</th>"
        + "<th>took</th><th>status</th><th class=\"wf\">waterfall</th><th>detail</th></tr></thead>\n<tbody>\n");
    for (TraceEvent e : top) {
      String extra = "";
      if (isNodeEnd(e)) {
        List<TraceEvent> children = nested.remove(key(e.step(), e.node()));
        if (children != null) extra = t.nestedHtml(children);
      }
      t.row(sb, e, true, extra);
    }
    for (List<TraceEvent> orphans : nested.values()) for (TraceEvent e : orphans) t.row(sb, e, false, "");
    return sb.append("</tbody>\n</table>\n").toString();
  }

  /** The (step, node) whose row a map item's or child run's event belongs in; null for a top-level event. */
  private static String parentKey(TraceEvent e) {
    if (e.node() == null) return null;
    boolean child = e.data().containsKey("child_thread");
    if (!child && !(e.data().containsKey("item") && isNodeEnd(e))) return null;
    String node = e.node();
    int slash = child ? node.indexOf('/') : -1;
    if (slash >= 0) node = node.substring(0, slash);
    return key(e.step(), node.replaceFirst("\\[\\d+]$", "")); // a map's item runs are NODE[i]
  }

  private static String key(long step, String node) {
    return step + "\u0000" + node;
  }

  private static boolean isNodeEnd(TraceEvent e) {
    return e.kind().equals("node_succeeded") || e.kind().equals("node_failed") || e.kind().equals("node_retry");
  }

  /** Map items (one row each) and child runs (one details per child thread) of one node row. */
  private String nestedHtml(List<TraceEvent> children) {
    List<TraceEvent> items = new ArrayList<>();
    Map<String, List<TraceEvent>> runs = new LinkedHashMap<>();
    for (TraceEvent c : children) {
      if (c.data().containsKey("child_thread")) {
        runs.computeIfAbsent(String.valueOf(c.data().get("child_thread")), k -> new ArrayList<>()).add(c);
      } else {
        items.add(c);
      }
    }
    StringBuilder sb = new StringBuilder();
    if (!items.isEmpty()) {
      sb.append("<details class=\"items\"><summary>").append(items.size()).append(items.size() == 1 ? " item" : " items")
          .append("</summary>\n<table class=\"timeline nested\"><tbody>\n");
      for (TraceEvent i : items) row(sb, i, false, "");
      sb.append("</tbody></table></details>\n");
    }
    for (Map.Entry<String, List<TraceEvent>> r : runs.entrySet()) {
      sb.append("<details class=\"child\"><summary>child run ").append(HtmlPage.escape(r.getKey())).append(" · ")
          .append(r.getValue().size()).append(" events</summary>\n<table class=\"timeline nested\"><tbody>\n");
      for (TraceEvent c : r.getValue()) row(sb, c, false, "");
      sb.append("</tbody></table></details>\n");
    }
    return sb.toString();
  }

  private void row(StringBuilder sb, TraceEvent e, boolean anchor, String extra) {
    Map<String, Object> d = e.data();
    String status = status(e);
    if (status == null) return;
    long dur = durationNanos(e);
    long end = Math.max(0, Duration.between(start, e.time()).toNanos());
    long begin = Math.max(0, end - dur);
    String node = e.node() == null ? "" : e.node();
    if (d.containsKey("item") && !node.endsWith("[" + d.get("item") + "]")) node = node + "[" + d.get("item") + "]";
    if (e.kind().equals("tool_call")) node = "↳ tool " + d.getOrDefault("tool", "");
    if (e.kind().equals("model_call")) node = "↳ model " + d.getOrDefault("model", "");
    sb.append("<tr class=\"st-").append(status.toLowerCase(Locale.ROOT)).append('"');
    if (anchor && anchored.add(e.step())) sb.append(" id=\"tl-").append(e.step()).append('"');
    sb.append("><td>").append(d.containsKey("child_step") ? e.step() + "." + d.get("child_step") : e.step())
        .append("</td><td>+").append(Durations.human(end)).append("</td><td>").append(HtmlPage.escape(node))
        .append("</td><td>").append(dur > 0 || hasDuration(e) ? Durations.human(dur) : "").append("</td><td>")
        .append(status).append("</td><td class=\"wf\">");
    if (hasDuration(e)) {
      sb.append("<span class=\"bar\" style=\"left:").append(pct(begin)).append("%;width:").append(pct(dur))
          .append("%\" title=\"").append(Durations.human(dur)).append("\"></span>");
    } else {
      sb.append("<span class=\"tick\" style=\"left:").append(pct(end)).append("%\"></span>");
    }
    sb.append("</td><td>").append(HtmlPage.escape(detail(e))).append(extra).append("</td></tr>\n");
  }

  private String pct(long nanos) {
    return String.format(Locale.ROOT, "%.2f", Math.min(100.0, 100.0 * nanos / totalNanos));
  }

  private static String status(TraceEvent e) {
    Map<String, Object> d = e.data();
    return switch (e.kind()) {
      case "node_succeeded" -> "ok";
      case "node_retry" -> "retry";
      case "node_failed" -> "failed";
      case "tool_call", "model_call" -> d.containsKey("error") ? "error" : "ok";
      case "run_started" -> "start";
      case "run_resumed" -> "resume";
      case "run_finished" -> "done";
      case "run_failed" -> "stop";
      case "run_cancelled" -> "cancelled";
      case "state_updated" -> "edit";
      case "run_paused" -> "paused";
      default -> null;
    };
  }

  private static String detail(TraceEvent e) {
    Map<String, Object> d = e.data();
    return switch (e.kind()) {
      case "node_succeeded", "state_updated" -> update(d);
      case "node_retry" -> "attempt " + d.get("attempt") + " " + d.get("kind") + ": " + d.get("error");
      case "node_failed" -> d.get("kind") + ": " + d.get("error");
      case "tool_call" -> d.containsKey("error") ? String.valueOf(d.get("error"))
          : "result " + d.getOrDefault("result_bytes", "?") + " bytes";
      case "model_call" -> num(d.get("input_tokens")) + " in / " + num(d.get("output_tokens")) + " out tokens";
      case "run_started" -> "input " + TraceText.clip(Json.write(d.getOrDefault("input", Map.of())));
      case "run_resumed" -> "from step " + d.get("from_step") + " (was " + d.get("was") + ")";
      case "run_failed" -> e.node() != null ? "run failed at node '" + e.node() + "'"
          : "run failed: " + d.get("kind") + ": " + d.get("message");
      case "run_paused" -> String.valueOf(d.getOrDefault("prompt", ""));
      default -> "";
    };
  }

  private static String update(Map<String, Object> d) {
    if (d.get("update") instanceof Map<?, ?> u) {
      List<String> parts = new ArrayList<>();
      u.forEach((k, v) -> parts.add(k + "=" + Json.write(v)));
      return TraceText.clip(String.join(", ", parts));
    }
    if (d.get("update_keys") instanceof List<?> keys) {
      return "updated " + String.join(", ", keys.stream().map(String::valueOf).toList());
    }
    return "";
  }

  private static boolean hasDuration(TraceEvent e) {
    return e.data().containsKey("duration_us") || e.data().containsKey("duration_ms");
  }

  /** The event's duration in nanoseconds (0 when it has none). */
  static long durationNanos(TraceEvent e) {
    Map<String, Object> d = e.data();
    if (d.get("duration_us") instanceof Number n) return n.longValue() * 1000;
    if (d.get("duration_ms") instanceof Number n) return n.longValue() * 1_000_000;
    return 0;
  }

  private static long num(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }
}
