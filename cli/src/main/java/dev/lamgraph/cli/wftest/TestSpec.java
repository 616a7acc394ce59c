package dev.lamgraph.cli.wftest;

import dev.lamgraph.engine.spec.Pos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code *.test.yaml} file as written: the workflow it tests and its cases, with positions.
 *
 * <pre>{@code
 * TestSpec spec = TestFileReader.read(path, compiler, problems).orElseThrow();
 * spec.cases().get(0).expect().status(); // "done"
 * }</pre>
 */
/** @param name the file as shown in messages (relative to the working directory when under it) */
public record TestSpec(Path file, String name, Path workflow, List<Case> cases) {
  public TestSpec {
    cases = List.copyOf(cases);
  }

  /** One case: the input, the stand-ins and answers, and what must hold at the end. */
  public record Case(String name, Pos pos, Map<String, Object> input, Map<String, List<ToolAnswer>> tools, Path replay,
      Map<String, List<ModelAnswer>> models, Map<String, List<Map<String, Object>>> answers, Duration timeout,
      Expect expect) {}

  /** A tool stub: a value, a failure, or a value for the first {@code after} calls and a failure then. */
  public record ToolAnswer(Object returns, boolean hasReturns, String fail, String message, Integer after) {}

  /** A model's answer: text (or JSON), tool calls, or a failure. */
  public record ModelAnswer(Object value, String fail, String message) {}

  /** An inclusive count range; {@code null} bounds are open. */
  public record Count(Integer min, Integer max) {
    public boolean holds(long n) {
      return (min == null || n >= min) && (max == null || n <= max);
    }

    @Override
    public String toString() {
      if (min != null && min.equals(max)) return String.valueOf(min);
      if (max == null) return "at least " + min;
      if (min == null) return "at most " + max;
      return min + ".." + max;
    }
  }

  /** A CEL assertion with its position and optional message. */
  public record Assertion(String cel, String message, Pos pos) {}

  /** Which events must have happened: a tool call, a model call or a node run, optionally matching {@code where}. */
  public record EventExpect(String kind, String name, String where, Count count, Pos pos) {}

  /** What must hold at the end of a case; null fields are not checked. */
  public record Expect(String status, String pausedAt, String failureKind, Map<String, Object> state,
      List<Assertion> asserts, List<String> path, String pathMatch, List<EventExpect> events, Count steps) {}
}
