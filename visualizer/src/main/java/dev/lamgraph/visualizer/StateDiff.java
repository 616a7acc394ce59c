package dev.lamgraph.visualizer;

import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What one step changed in the state, channel by channel: keys added, removed, and changed (with
 * the old and new value, shortened). Rendered as an HTML list with every value escaped.
 *
 * <pre>{@code
 * List<StateDiff.Entry> d = StateDiff.of(before, after); // [Entry[op=CHANGED, key=count, ...]]
 * }</pre>
 */
public final class StateDiff {
  /** Longest value shown in a diff line; the full state is in the step's "state after". */
  static final int MAX_VALUE = 160;

  /** How a channel changed. */
  public enum Op { ADDED, REMOVED, CHANGED }

  /** One changed channel: its old value (null when added) and new value (null when removed), as JSON. */
  public record Entry(Op op, String key, String before, String after) {}

  private StateDiff() {}

  /** The channels that differ between two states, in key order. */
  public static List<Entry> of(Map<String, Object> before, Map<String, Object> after) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<Entry> out = new ArrayList<>();
    for (String k : keys) {
      boolean had = before.containsKey(k);
      boolean has = after.containsKey(k);
      if (had && !has) out.add(new Entry(Op.REMOVED, k, Json.write(before.get(k)), null));
      else if (!had && has) out.add(new Entry(Op.ADDED, k, null, Json.write(after.get(k))));
      else if (!Objects.equals(before.get(k), after.get(k))) {
        out.add(new Entry(Op.CHANGED, k, Json.write(before.get(k)), Json.write(after.get(k))));
      }
    }
    return out;
  }

  /** The entries as {@code <ul class="diff">}, or a note that nothing changed. */
  public static String html(List<Entry> entries) {
    return html(entries, UnaryOperator.identity());
  }

  /**
   * As {@link #html(List)}, each value first passed through {@code redact} (so a secret is masked
   * before a long value is shortened, never cut into a maskless prefix).
   */
  public static String html(List<Entry> entries, UnaryOperator<String> redact) {
    if (entries.isEmpty()) return "<p class=\"diff-none\">no channel changed</p>\n";
    StringBuilder sb = new StringBuilder("<ul class=\"diff\">\n");
    for (Entry e : entries) {
      String key = HtmlPage.escape(e.key());
      switch (e.op()) {
        case ADDED -> sb.append("<li class=\"add\">+ ").append(key).append(" = ").append(value(redact.apply(e.after())));
        case REMOVED -> sb.append("<li class=\"del\">− ").append(key).append(" (was ").append(value(redact.apply(e.before()))).append(')');
        case CHANGED -> sb.append("<li class=\"chg\">~ ").append(key).append(": ").append(value(redact.apply(e.before())))
            .append(" → ").append(value(redact.apply(e.after())));
      }
      sb.append("</li>\n");
    }
    return sb.append("</ul>\n").toString();
  }

  private static String value(String json) {
    String s = json.length() <= MAX_VALUE ? json : json.substring(0, MAX_VALUE - 1) + "…";
    return "<code>" + HtmlPage.escape(s) + "</code>";
  }
}
