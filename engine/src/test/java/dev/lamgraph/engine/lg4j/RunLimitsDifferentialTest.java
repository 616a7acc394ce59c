package dev.lamgraph.engine.lg4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 item 7 on both executors: a node still running when {@code limits.timeout} passes is
 * stopped, and a CEL expression that iterates more than {@code limits.max_cel_iterations} fails
 * at once (a 10^8-iteration comprehension ran unbounded before), identically on ours and on
 * langgraph4j.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunLimitsDifferentialTest {
  private static CompiledGraph compile(String yaml) throws Exception {
    return Compiler.withDefaults().compileText("t.yaml", yaml, Path.of("."));
  }

  private record Timed(Differential.Outcome outcome, long millis) {}

  private static Timed ours(CompiledGraph g, Map<String, Object> input) throws Exception {
    long t0 = System.nanoTime();
    Differential.Outcome o = Differential.ours(g, input);
    return new Timed(o, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Timed theirs(CompiledGraph g, Map<String, Object> input) throws Exception {
    long t0 = System.nanoTime();
    Differential.Outcome o = Differential.theirs(g, input);
    return new Timed(o, (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void aNodeRunningPastTheRunsTimeoutIsStoppedTheSameWayOnBothExecutors() throws Exception {
    CompiledGraph g = compile("""
        name: t
        state: { n: { type: integer, reducer: add, default: 0 } }
        nodes:
          count: { type: set, set: { n: "1" } }
          slow:  { type: sleep, ms: 100000, timeout: 1h, out: { n: 10 } }
        edges: [ { from: START, to: count }, { from: count, to: slow }, { from: slow, to: END } ]
        limits: { timeout: 500ms }
        """);
    Timed ours = ours(g, Map.of());
    Timed theirs = theirs(g, Map.of());
    for (Timed t : List.of(ours, theirs)) {
      assertThat(t.millis()).isBetween(400L, 10_000L); // was: 100 s
      assertThat(t.outcome().status()).isEqualTo(RunStatus.FAILED);
      assertThat(t.outcome().failureKind()).isEqualTo("timeout");
      assertThat(t.outcome().failureNode()).isEqualTo("slow");
      assertThat(t.outcome().failureMessage())
          .isEqualTo("run exceeded limits.timeout (500ms) while node 'slow' was running; it was stopped");
      assertThat(t.outcome().steps()).isEqualTo(1);
      assertThat(t.outcome().state()).containsEntry("n", 1L);
    }
    assertThat(theirs.outcome()).isEqualTo(ours.outcome());
  }

  /** {@code [0, ..., 99]} nested four deep: 10^8 iterations. */
  private static String hundredToTheFourth() {
    String l = "[" + String.join(", ", Collections.nCopies(100, "1")) + "]";
    return l + ".map(a, " + l + ".map(b, " + l + ".map(c, " + l + ".map(d, a + b + c + d))))";
  }

  @Test
  void aHundredMillionIterationComprehensionFailsFastWithItsPositionOnBothExecutors() throws Exception {
    String expr = hundredToTheFourth();
    String yaml = """
        name: t
        state: { n: { type: integer, default: 0 }, big: { type: any } }
        nodes:
          count: { type: set, set: { n: "1" } }
          bomb:  { type: set, set: { big: "%s" } }
        edges: [ { from: START, to: count }, { from: count, to: bomb }, { from: bomb, to: END } ]
        """.formatted(expr);
    String[] lines = yaml.split("\n");
    int line = 5;
    assertThat(lines[line - 1]).startsWith("  bomb:");
    int col = lines[line - 1].indexOf('"') + 1;
    CompiledGraph g = compile(yaml);
    Timed ours = ours(g, Map.of());
    Timed theirs = theirs(g, Map.of());
    for (Timed t : List.of(ours, theirs)) {
      assertThat(t.millis()).isLessThan(20_000); // was: minutes, with the state held in memory
      assertThat(t.outcome().status()).isEqualTo(RunStatus.FAILED);
      assertThat(t.outcome().failureKind()).isEqualTo("expression_error");
      assertThat(t.outcome().failureNode()).isEqualTo("bomb");
      assertThat(t.outcome().failureMessage()).isEqualTo("set.big `" + expr + "` failed: expression exceeded 100000 "
          + "iterations (limits.max_cel_iterations) at t.yaml:" + line + ":" + col);
      assertThat(t.outcome().steps()).isEqualTo(1);
    }
    assertThat(theirs.outcome()).isEqualTo(ours.outcome());
  }

  @Test
  void theBudgetIsSetInLimitsAndBoundsConditionsToo() throws Exception {
    CompiledGraph g = compile("""
        name: t
        state: { l: { type: list, items: integer }, seen: { type: boolean, default: false } }
        nodes: { look: { type: set, set: { seen: "true" } } }
        edges:
          - { from: START, to: look }
          - { from: look, when: [ { if: "state.l.filter(x, x > 0).size() > 1000", to: look } ], else: END }
        limits: { max_cel_iterations: 50 }
        """);
    List<Long> fifty = new ArrayList<>();
    for (long i = 0; i < 50; i++) fifty.add(i);
    List<Long> fiftyOne = new ArrayList<>(fifty);
    fiftyOne.add(50L);
    assertThat(ours(g, Map.of("l", fifty)).outcome().status()).isEqualTo(RunStatus.DONE);
    assertThat(theirs(g, Map.of("l", fifty)).outcome().status()).isEqualTo(RunStatus.DONE);
    Differential.Outcome ours = ours(g, Map.of("l", fiftyOne)).outcome();
    assertThat(ours.status()).isEqualTo(RunStatus.FAILED);
    assertThat(ours.failureKind()).isEqualTo("expression_error");
    assertThat(ours.failureMessage()).isEqualTo("condition `state.l.filter(x, x > 0).size() > 1000` failed: "
        + "expression exceeded 50 iterations (limits.max_cel_iterations) at t.yaml:6:33"); // the condition's scalar
    assertThat(theirs(g, Map.of("l", fiftyOne)).outcome()).isEqualTo(ours);
  }

  @Test
  void theBudgetMustBePositive() {
    List<Diagnostic> d = Compiler.withDefaults().checkText("t.yaml", """
        name: t
        state: { n: { type: integer } }
        nodes: { a: { type: set, set: { n: "1" } } }
        edges: [ { from: START, to: a }, { from: a, to: END } ]
        limits: { max_cel_iterations: 0 }
        """);
    assertThat(d).extracting(Diagnostic::code).containsExactly("SCHEMA");
    assertThat(d.get(0).format()).startsWith("t.yaml:5:");
  }
}
