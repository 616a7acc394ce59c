package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress of a run: one line per committed step (step number, the nodes that ran, the
 * slowest node's duration, the time elapsed since the run started, a short form of their
 * updates, secrets masked before anything is cut), cut to the terminal width. A line
 * appears only once its step is durable, so the last line printed before a crash is a step that
 * {@code lam resume} will not run again.
 *
 * <pre>
 *      2  tool            81µs  +12.0ms  attempts=1 log=[1] cost=0.5
 *      3  __human__ (state edit)  +1.2ms  plan=["search"]
 * </pre>
 *
 * A state edit given on resume is a step of its own, shown once committed (never announced
 * before: a refused edit commits nothing).
 */
final class ProgressPrinter implements RunListener {
  private static final int VALUE_CHARS = 40;

  private final Terminal t;
  private final boolean print;
  private final List<String> nodes = new ArrayList<>();
  private final List<String> updates = new ArrayList<>();
  private long slowest;
  private String editedBy;
  private final long start = System.nanoTime();

  ProgressPrinter(Terminal t, boolean print) {
    this.t = t;
    this.print = print;
  }

  @Override
  public synchronized void nodeDone(long step, String node, long nanos, Map<String, Object> update) {
    if (!print) return; // --quiet, --json: nothing to show, nothing to format on the step path
    nodes.add(node);
    slowest = Math.max(slowest, nanos);
    for (var e : update.entrySet()) updates.add(e.getKey() + "=" + shortValue(t, e.getValue()));
  }

  @Override
  public synchronized void nodeFailed(long step, String node, int attempt, String message, boolean willRetry) {
    if (!print) return;
    // the message may be a tool's stderr: its newlines and control characters are shown escaped
    t.out().println(t.fit(String.format(Locale.ROOT, "%6d  %-14s attempt %d failed%s: %s", step, Printable.escape(node),
        attempt, willRetry ? ", retrying" : "", Printable.escape(t.redact(message == null ? "" : message.strip())))));
  }

  @Override
  public synchronized void stateEdited(long step, String by, Map<String, Object> update) {
    if (!print) return;
    editedBy = by;
    for (var e : update.entrySet()) updates.add(e.getKey() + "=" + shortValue(t, e.getValue()));
  }

  @Override
  public synchronized void stepCommitted(long step, List<String> next, long checkpointBytes) {
    if (!print) return;
    String who = !nodes.isEmpty() ? String.join("+", nodes)
        : editedBy != null ? editedBy + " (state edit)" : "(error handled)";
    String took = nodes.isEmpty() ? "" : Durations.human(slowest);
    String elapsed = "+" + Durations.human(System.nanoTime() - start);
    StringBuilder b = new StringBuilder(96);
    pad(b, Long.toString(step), 6, true).append("  ");
    pad(b, who, 14, false).append(' ');
    pad(b, took, 8, true).append(' ');
    pad(b, elapsed, 9, true).append("  ");
    for (int i = 0; i < updates.size(); i++) b.append(i == 0 ? "" : " ").append(updates.get(i));
    t.out().println(t.fit(Printable.escape(b.toString().stripTrailing())));
    nodes.clear();
    updates.clear();
    slowest = 0;
    editedBy = null;
  }

  /** {@code s} padded with spaces to {@code width} (on the left when {@code right}-aligned), as {@code %6d}/{@code %-14s} would. */
  private static StringBuilder pad(StringBuilder b, String s, int width, boolean right) {
    if (!right) b.append(s);
    for (int i = s.length(); i < width; i++) b.append(' ');
    return right ? b.append(s) : b;
  }

  /** Compact JSON with secrets masked, then cut to a few dozen characters (never a part of a secret). */
  static String shortValue(Terminal t, Object v) {
    String s = t.redact(Json.write(v));
    return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS - 1) + "…";
  }
}
