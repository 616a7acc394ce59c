package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run ended, printed for people (final state and thread id; what a paused run waits for;
 * a failed run's error and how to continue it) or as one JSON object. Returns the exit code.
 */
final class Outcome {
  /** The failure kind of a run whose input did not fit its channels (resuming cannot repair it). */
  static final String INPUT_ERROR = "input_error";

  private final Terminal t;
  private final String workflow;
  private final String location;
  private final String storeHint;
  private final String file;

  /** @param file the workflow file for the "after a fix" hint, or null when unknown */
  Outcome(Terminal t, String workflow, String location, String storeHint, String file) {
    this.t = t;
    this.workflow = workflow;
    this.location = location;
    this.storeHint = storeHint;
    this.file = file;
  }

  int json(RunResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread", r.threadId());
    m.put("workflow", workflow);
    m.put("status", r.status().id());
    m.put("steps", r.steps());
    m.put("state", r.state());
    m.put("detail", r.detail());
    t.out().println(Json.pretty(m));
    return r.exitCode();
  }

  /** {@code --quiet}: only the status line (a failure's on stderr) and the thread id. */
  int quiet(RunResult r, long nanos) {
    status(r, nanos, t.out());
    t.out().println("thread: " + r.threadId());
    return r.exitCode();
  }

  /**
   * {@code --output KEY}: a finished run prints only that channel's value; a paused or failed one
   * its status line and thread id on stderr (stdout stays empty, the exit code tells which).
   */
  int value(RunResult r, String key, long nanos) {
    if (r.status() == RunStatus.DONE) {
      t.out().println(ValueOption.render(r.state().get(key)));
    } else {
      status(r, nanos, t.err());
      t.err().println("thread: " + r.threadId());
    }
    return r.exitCode();
  }

  /** The one line that says how the run ended (a failure always on stderr). */
  private void status(RunResult r, long nanos, PrintWriter to) {
    switch (r.status()) {
      case DONE -> to.println(doneLine(r, nanos));
      case PAUSED -> to.println(pausedLine(r));
      case FAILED -> t.err().println(failedLine(r));
      default -> to.println("stopped with status " + r.status().id() + " at step " + r.steps());
    }
  }

  private String doneLine(RunResult r, long nanos) {
    return "done: " + workflow + " reached END after " + Diagnostics.count(r.steps(), "step") + " (" + Durations.human(nanos) + ")";
  }

  int text(RunResult r, long nanos) {
    String id = Shell.quote(r.threadId());
    switch (r.status()) {
      case DONE -> {
        t.out().println("final state (step " + r.steps() + "):");
        t.out().println(Json.pretty(r.state()));
        t.out().println(doneLine(r, nanos));
      }
      case PAUSED -> paused(r, id);
      case FAILED -> failed(r, id);
      case CANCELLED -> t.out().println("cancelled at step " + r.steps() + "; its steps are kept: lam state " + id + storeHint
          + ", or run it again from a checkpoint: lam fork " + id + " --from STEP" + storeHint);
      default -> t.out().println("stopped with status " + r.status().id() + " at step " + r.steps()
          + "; continue with: lam resume " + id + storeHint);
    }
    t.out().println("thread: " + r.threadId());
    return r.exitCode();
  }

  private String pausedLine(RunResult r) {
    Map<String, Object> d = r.detail();
    String node = String.valueOf(d.get("node"));
    String when = String.valueOf(d.get("when"));
    String where = switch (when) {
      case "before" -> "before node '" + node + "'";
      case "after" -> "after node '" + node + "'";
      case "fork" -> "as a fork of thread '" + d.get("forked_from") + "' at checkpoint " + d.get("from_step");
      default -> "in node '" + node + "'" + (d.get("child_thread") == null ? "" : " (child thread " + d.get("child_thread") + ")");
    };
    // one numbering everywhere (here, `lam state`, `lam runs`): the last committed step
    return "paused " + where + " after step " + r.steps() + " (the last committed step): " + r.message();
  }

  private void paused(RunResult r, String id) {
    Map<String, Object> d = r.detail();
    String when = String.valueOf(d.get("when"));
    t.out().println(pausedLine(r));
    Object schema = d.get("schema");
    if (schema != null) t.out().println("answer schema: " + ErrorHandler.oneLine(String.valueOf(schema)));
    t.out().println("state so far: lam state " + id + storeHint);
    if ("node".equals(when)) {
      t.out().println("answer with: lam resume " + id + " --input KEY=VALUE..." + storeHint);
    } else {
      t.out().println("continue with: lam resume " + id + storeHint);
      t.out().println("or update the state first: lam resume " + id + " --input CHANNEL=VALUE..." + storeHint);
    }
  }

  private static String failedLine(RunResult r) {
    Map<String, Object> d = r.detail();
    Object node = d.get("node");
    return "lam: run failed at step " + d.getOrDefault("step", r.steps() + 1)
        + (node == null ? "" : " in node '" + node + "'") + " (" + d.getOrDefault("kind", "error") + "): "
        + ErrorHandler.oneLine(r.message());
  }

  private void failed(RunResult r, String id) {
    Map<String, Object> d = r.detail();
    t.err().println(failedLine(r));
    if (INPUT_ERROR.equals(d.get("kind"))) {
      t.out().println("the input does not fit the workflow's state channels; start a new run with corrected --input values");
      return;
    }
    t.out().println("checkpoints up to step " + r.steps() + " are kept in " + location + "; inspect them with: lam state "
        + id + storeHint + " / lam history " + id + storeHint);
    String fix = file == null ? "FILE" : Shell.quote(file);
    t.out().println("after fixing the workflow, continue with: lam resume " + id + " --workflow " + fix + storeHint);
  }
}
