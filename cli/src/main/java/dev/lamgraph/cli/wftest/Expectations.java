package dev.lamgraph.cli.wftest;

import dev.lamgraph.cli.wftest.TestSpec.Assertion;
import dev.lamgraph.cli.wftest.TestSpec.EventExpect;
import dev.lamgraph.cli.wftest.TestSpec.Expect;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a case's expectations against what its run did, in a fixed order (status, steps, state,
 * assertions, path, events), collecting every failure; the first is what {@code lam test} shows.
 * The diff holds {@code - expected} / {@code + actual} lines for the channels of {@code state:}
 * that differ, or the values of the channels a failed assertion reads.
 */
final class Expectations {
  private static final Pattern STATE_REF = Pattern.compile("\\bstate\\.([A-Za-z_][A-Za-z0-9_]*)");
  private final CelEnv cel;

  Expectations(CelEnv cel) {
    this.cel = cel;
  }

  /** The failed expectations (empty: the case passed) and the state diff. */
  record Verdict(List<String> failures, List<String> diff) {}

  Verdict check(Expect e, CaseRunner.Observed o) {
    List<String> failures = new ArrayList<>();
    List<String> diff = new ArrayList<>();
    RunResult r = o.result();
    Map<String, Object> state = r.state();
    String status = r.status().name().toLowerCase();
    String expected = e.status() != null ? e.status() : e.pausedAt() != null ? "paused" : e.failureKind() != null ? "failed" : "done";
    if (!expected.equals(status)) {
      failures.add("status: expected " + expected + ", got " + status + describe(r));
    } else {
      Object node = r.detail().get("node");
      if (e.pausedAt() != null && !e.pausedAt().equals(node)) failures.add("paused_at: expected '" + e.pausedAt() + "', got '" + node + "'");
      Object kind = r.detail().get("kind");
      if (e.failureKind() != null && !e.failureKind().equals(kind)) {
        failures.add("failure_kind: expected " + e.failureKind() + ", got " + kind + describe(r));
      }
    }
    if (e.steps() != null && !e.steps().holds(r.steps())) failures.add("steps: expected " + e.steps() + ", got " + r.steps());
    if (e.state() != null) {
      for (var en : e.state().entrySet()) {
        Object actual = state.get(en.getKey());
        if (!JsonValues.same(en.getValue(), actual)) {
          if (diff.isEmpty()) failures.add("state." + en.getKey() + ": expected " + Json.write(en.getValue()) + ", got " + Json.write(actual));
          diff.add("- " + en.getKey() + ": " + Json.write(en.getValue()));
          diff.add("+ " + en.getKey() + ": " + Json.write(actual));
        }
      }
    }
    for (Assertion a : e.asserts()) {
      String problem = assertion(a, state, o.input());
      if (problem == null) continue;
      failures.add(problem);
      if (diff.isEmpty()) diff.addAll(values(a.cel(), state));
    }
    if (e.path() != null) {
      List<String> actual = PathMatch.path(o.events());
      if (!PathMatch.matches(e.pathMatch(), actual, e.path())) {
        failures.add("path (" + e.pathMatch() + "): expected " + e.path() + ", got " + actual);
      }
    }
    for (EventExpect ev : e.events()) {
      try {
        long n = EventMatch.count(ev, o.events(), cel, state, o.input());
        if (!ev.count().holds(n)) {
          failures.add("events: " + ev.kind() + " '" + ev.name() + "'" + (ev.where() == null ? "" : " where `" + ev.where() + "`")
              + ": expected " + ev.count() + ", got " + n);
        }
      } catch (EvalException | ExprException x) {
        failures.add("events: " + ev.kind() + " '" + ev.name() + "': `" + ev.where() + "` failed: " + x.getMessage());
      }
    }
    return new Verdict(failures, diff);
  }

  private String assertion(Assertion a, Map<String, Object> state, Map<String, Object> input) {
    String label = "assert `" + a.cel() + "`" + (a.message() == null ? "" : " (" + a.message() + ")");
    try {
      Object v = cel.compile(a.cel()).eval(state, input);
      if (Boolean.TRUE.equals(v)) return null;
      return label + (v instanceof Boolean ? " is false" : " is not a boolean: " + Json.write(v));
    } catch (EvalException | ExprException x) {
      return label + " failed: " + x.getMessage();
    }
  }

  private static List<String> values(String src, Map<String, Object> state) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = STATE_REF.matcher(src);
    while (m.find()) names.add(m.group(1));
    List<String> out = new ArrayList<>();
    for (String n : names) out.add("  " + n + " = " + Json.write(state.get(n)));
    return out;
  }

  private static String describe(RunResult r) {
    Object node = r.detail().get("node");
    Object kind = r.detail().get("kind");
    String msg = r.message();
    return switch (r.status()) {
      case FAILED -> " (" + (node == null ? "" : "node '" + node + "', ") + "kind " + kind + ": " + msg + ")";
      case PAUSED -> " (at '" + node + "', with no answer for it in the case)";
      default -> "";
    };
  }
}
