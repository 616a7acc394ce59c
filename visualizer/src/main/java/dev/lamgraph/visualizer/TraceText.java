package dev.lamgraph.visualizer;

import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Printable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's trace as a readable timeline: one line per node attempt (step, offset from the start,
 * node, duration, status, short update or error), tool and model calls under their node, and
 * totals. Huge traces are summarised: the first and last {@code window} lines are shown.
 *
 * <pre>{@code
 * String text = new TraceText(200).render(thread, store.events(threadId));
 * }</pre>
 */
public final class TraceText {
  private final int window;

  /** @param window lines kept at each end of a long timeline (0 = show everything) */
  public TraceText(int window) {
    this.window = window;
  }

  public String render(ThreadInfo thread, List<TraceEvent> events) {
    Instant start = events.isEmpty() ? thread.created() : events.get(0).time();
    List<String> lines = new ArrayList<>();
    Totals totals = new Totals();
    for (TraceEvent e : events) {
      String line = line(e, start, totals);
      if (line != null) lines.add(line);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("run ").append(Printable.escape(thread.id())).append(" · workflow ").append(Printable.escape(thread.workflow()))
        .append(" · ")
        .append(thread.status().id()).append(" · ").append(thread.step()).append(" steps\n");
    sb.append(String.format(Locale.ROOT, "%6s  %9s  %-20s %9s  %-7s %s%n", "step", "at", "node", "took", "status", "detail"));
    if (window > 0 && lines.size() > 2 * window + 1) {
      lines.subList(0, window).forEach(l -> sb.append(l).append('\n'));
      sb.append(String.format(Locale.ROOT, "%6s  … %d lines not shown (lam trace --all, or --json) …%n", "",
          lines.size() - 2 * window));
      lines.subList(lines.size() - window, lines.size()).forEach(l -> sb.append(l).append('\n'));
    } else {
      lines.forEach(l -> sb.append(l).append('\n'));
    }
    Instant end = events.isEmpty() ? start : events.get(events.size() - 1).time();
    sb.append(String.format(Locale.ROOT, "totals: %d steps · wall %s · %d node runs · %d retries · %d tool calls · "
        + "%d model calls · %d tokens%n", thread.step(), Durations.human(Duration.between(start, end).toNanos()),
        totals.nodes, totals.retries, totals.tools, totals.models, totals.tokens));
    if (!totals.cost.isEmpty()) {
      List<String> parts = new ArrayList<>();
      totals.cost.forEach((model, usd) -> parts.add(Printable.escape(model) + String.format(Locale.ROOT, " $%.4f", usd)));
      double all = totals.cost.values().stream().mapToDouble(Double::doubleValue).sum();
      sb.append(String.format(Locale.ROOT, "estimated cost: $%.4f (%s; from the models' prices:)%n", all, String.join(", ", parts)));
    }
    if (thread.detailJson() != null) {
      sb.append(thread.status().id()).append(": ").append(Printable.escape(detail(thread.detailJson()))).append('\n');
    }
    return sb.toString();
  }

  private static final class Totals {
    long nodes;
    long retries;
    long tools;
    long models;
    long tokens;
    final Map<String, Double> cost = new TreeMap<>();
  }

  private static String line(TraceEvent e, Instant start, Totals t) {
    String at = "+" + Durations.human(Math.max(0, Duration.between(start, e.time()).toNanos()));
    Map<String, Object> d = e.data();
    String node = e.node() == null ? "" : e.node();
    return switch (e.kind()) {
      case "node_succeeded" -> {
        t.nodes++;
        yield row(e.step(), at, node, us(d.get("duration_us")), "ok", update(d));
      }
      case "node_retry" -> {
        t.retries++;
        yield row(e.step(), at, node, us(d.get("duration_us")), "retry", "attempt " + d.get("attempt") + " " + d.get("kind")
            + ": " + d.get("error"));
      }
      case "node_failed" -> row(e.step(), at, node, us(d.get("duration_us")), "FAILED", d.get("kind") + ": " + d.get("error"));
      case "tool_call" -> {
        t.tools++;
        yield row(e.step(), at, "  ↳ tool " + d.getOrDefault("tool", ""), ms(d.get("duration_ms")),
            d.containsKey("error") ? "error" : "ok", d.containsKey("error") ? String.valueOf(d.get("error"))
                : "result " + d.getOrDefault("result_bytes", "?") + " bytes");
      }
      case "model_call" -> {
        t.models++;
        long in = num(d.get("input_tokens"));
        long out = num(d.get("output_tokens"));
        t.tokens += in + out;
        String cost = "";
        if (d.get("cost_usd") instanceof Number c) {
          t.cost.merge(String.valueOf(d.getOrDefault("model", "")), c.doubleValue(), Double::sum);
          cost = String.format(Locale.ROOT, " · ~$%.4f", c.doubleValue());
        }
        yield row(e.step(), at, "  ↳ model " + d.getOrDefault("model", ""), ms(d.get("duration_ms")),
            d.containsKey("error") ? "error" : "ok", in + " in / " + out + " out tokens" + cost);
      }
      case "run_started" -> row(e.step(), at, "", "", "start", "input " + clip(Json.write(d.getOrDefault("input", Map.of()))));
      case "run_resumed" -> row(e.step(), at, "", "", "resume", "from step " + d.get("from_step") + " (was " + d.get("was") + ")");
      case "run_finished" -> row(e.step(), at, "", "", "done", "");
      case "run_failed" -> row(e.step(), at, "", "", "stop", e.node() != null ? "run failed at node '" + e.node() + "'"
          : "run failed: " + d.get("kind") + ": " + d.get("message"));
      case "state_updated" -> row(e.step(), at, node, "", "edit", update(d));
      case "run_paused" -> row(e.step(), at, node, "", "paused", String.valueOf(d.getOrDefault("prompt", "")));
      default -> null;
    };
  }

  /**
   * One timeline line. Node names and details come from workflows, tools and models (a tool's
   * stderr, an error message): their newlines and control characters are escaped, so a line stays
   * one line and cannot drive the terminal.
   */
  private static String row(long step, String at, String node, String took, String status, String detail) {
    return String.format(Locale.ROOT, "%6d  %9s  %-20s %9s  %-7s %s", step, at, clipTo(Printable.escape(node), 20), took,
        status, Printable.escape(detail)).stripTrailing();
  }

  private static String update(Map<String, Object> d) {
    if (d.get("update") instanceof Map<?, ?> u) {
      List<String> parts = new ArrayList<>();
      u.forEach((k, v) -> parts.add(k + "=" + Json.write(v)));
      return clip(String.join(", ", parts));
    }
    if (d.get("update_keys") instanceof List<?> keys) return "updated " + String.join(", ", keys.stream().map(String::valueOf).toList());
    return "";
  }

  private static String detail(String json) {
    Map<String, Object> d = Json.readMap(json);
    Object m = d.getOrDefault("message", d.getOrDefault("prompt", ""));
    return (d.containsKey("node") ? "node '" + d.get("node") + "': " : "") + m;
  }

  private static String us(Object v) {
    return v == null ? "" : Durations.human(num(v) * 1000);
  }

  private static String ms(Object v) {
    return v == null ? "" : Durations.human(num(v) * 1_000_000);
  }

  private static long num(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }

  static String clip(String s) {
    return clipTo(s, 72);
  }

  private static String clipTo(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
