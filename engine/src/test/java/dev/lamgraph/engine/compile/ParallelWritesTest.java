package dev.lamgraph.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.node.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PARALLEL_WRITE: only nodes that can really share a step are compared. */
class ParallelWritesTest {
  private static List<String> check(String nodes, String edges) {
    String yaml = "name: t\nstate: { w: { type: string }, log: { type: list, reducer: append } }\nnodes:\n" + nodes
        + "edges:\n" + edges;
    return Compiler.withDefaults().checkText("t.yaml", yaml).stream().filter(Diagnostic::isError)
        .map(d -> d.code() + " " + d.message().replaceFirst(" can run.*", "")).toList();
  }

  private static final String ABC = """
      a: { type: set, set: { w: "'a'" } }
      b: { type: set, set: { w: "'b'" } }
      c: { type: set, set: { log: "['c']" } }
    """;

  @Test
  void branchesOfOneConditionalEdgeNeverShareAStep() {
    assertThat(check(ABC, """
          - { from: START, to: c }
          - { from: c, when: [ { if: "size(state.log) > 1", to: a } ], else: b }
          - { from: a, to: END }
          - { from: b, to: END }
        """)).isEmpty();
  }

  @Test
  void twoConditionalEdgesFromOneNodeCanBothFire() {
    assertThat(check(ABC, """
          - { from: START, to: c }
          - { from: c, when: [ { if: "size(state.log) > 1", to: a } ], else: END }
          - { from: c, when: [ { if: "size(state.log) > 2", to: b } ], else: END }
          - { from: a, to: END }
          - { from: b, to: END }
        """)).containsExactly("PARALLEL_WRITE nodes 'a' and 'b'");
  }

  @Test
  void aJoinOrdersItsTargetAfterItsSources() {
    assertThat(check(ABC, """
          - { from: START, to: [a, c] }
          - { from: [a, c], to: b }
          - { from: b, to: END }
        """)).isEmpty();
  }

  @Test
  void anErrorHandlerRunsAlongsideTheFailedNodesSiblingsSuccessors() {
    String nodes = """
          a: { type: set, set: { w: "'a'" } }
          b: { type: set, set: { w: "'b'" } }
          c: { type: set, on_error: b, set: { log: "['c']" } }
          d: { type: set, set: { log: "['d']" } }
        """;
    assertThat(check(nodes, """
          - { from: START, to: [c, d] }
          - { from: c, to: END }
          - { from: d, to: a }
          - { from: a, to: END }
          - { from: b, to: END }
        """)).containsExactly("PARALLEL_WRITE nodes 'a' and 'b'");
  }
}
