package dev.lamgraph.nodes.reviewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules reviewer drives a revise loop: reject with feedback, fix, approve; or give up after the limit. */
class ReviewerNodeTest {
  static final String WORKFLOW = """
      name: review-loop
      state:
        draft: { type: object, default: {} }
        fixes: { type: integer, default: 0 }
        verdict: { type: object }
      nodes:
        write: { type: set, set: { draft: "{'total': 100, 'lines': [40, 50 + state.fixes * 10], 'vendor': 'ACME'}" } }
        review:
          type: reviewer
          strategy: rules
          output: verdict
          max_revisions: %d
          rules:
            - { assert: "state.draft.total == state.draft.lines[0] + state.draft.lines[1]", message: "total != sum of lines" }
          schemas:
            draft: { type: object, required: [vendor, total] }
        fix: { type: set, set: { fixes: "state.fixes + 1" } }
      edges:
        - { from: START, to: write }
        - { from: write, to: review }
        - from: review
          when:
            - { if: "state.verdict.approve", to: END }
            - { if: "state.verdict.exhausted", to: END }
          else: fix
        - { from: fix, to: write }
      limits: { max_steps: 50 }
      """;

  static RunResult run(int maxRevisions) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("r.yaml", WORKFLOW.formatted(maxRevisions), Path.of("."));
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      return runs.start(g, null, Map.of());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void rejectsWithFeedbackThenApprovesAfterTheFix() throws Exception {
    RunResult r = run(3);
    Map<String, Object> v = (Map<String, Object>) r.state().get("verdict");
    assertThat(v).containsEntry("approve", true).containsEntry("revisions", 1L).containsEntry("exhausted", false)
        .containsEntry("score", 1.0);
    assertThat(r.state().get("fixes")).isEqualTo(1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void givesUpWhenTheRevisionLimitIsReached() throws Exception {
    RunResult r = run(0);
    Map<String, Object> v = (Map<String, Object>) r.state().get("verdict");
    assertThat(v).containsEntry("approve", false).containsEntry("exhausted", true).containsEntry("score", 0.5)
        .containsEntry("feedback", List.of("total != sum of lines"));
    assertThat(r.state().get("fixes")).isEqualTo(0L);
  }
}
