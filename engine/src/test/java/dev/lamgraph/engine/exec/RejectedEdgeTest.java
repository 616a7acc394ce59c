package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13: {@code rejected:} routes a human approval's "no" (and anything but an explicit yes). */
class RejectedEdgeTest {
  static final String OBJECT = """
      name: review
      state:
        approval: { type: object }
        log: { type: list, reducer: append }
      nodes:
        approve:
          type: human
          prompt: Publish?
          schema: { type: object, required: [approved], properties: { approved: { type: boolean }, comment: { type: string } } }
          output: approval
        publish: { type: set, set: { log: "'published'" } }
        revise:  { type: set, set: { log: "'revised: ' + state.approval.comment" } }
      edges:
        - { from: START, to: approve }
        - { from: approve, to: publish, rejected: revise }
        - { from: publish, to: END }
        - { from: revise, to: END }
      """;

  private static RunResult answer(String yaml, Map<String, Object> answer) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("w.yaml", yaml, null);
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      assertThat(runs.start(g, "t", Map.of()).status()).isEqualTo(RunStatus.PAUSED);
      return runs.resume(g, "t", answer);
    }
  }

  @Test
  void anObjectAnswerRoutesByApproved() throws Exception {
    assertThat(answer(OBJECT, Map.of("approved", true)).state()).containsEntry("log", List.of("published"));
    assertThat(answer(OBJECT, Map.of("approved", false, "comment", "too long")).state())
        .containsEntry("log", List.of("revised: too long"));
  }

  @Test
  void aBooleanAnswerRoutesAndWhenBranchesComeAfterTheRejection() throws Exception {
    String yaml = """
        name: review
        state:
          ok: { type: boolean }
          urgent: { type: boolean, default: true }
          log: { type: list, reducer: append }
        nodes:
          approve: { type: human, prompt: "Go?", output: ok }
          fast: { type: set, set: { log: "'fast'" } }
          slow: { type: set, set: { log: "'slow'" } }
          stop: { type: set, set: { log: "'stopped'" } }
        edges:
          - { from: START, to: approve }
          - { from: approve, rejected: stop, when: [{ if: "state.urgent", to: fast }], else: slow }
          - { from: fast, to: END }
          - { from: slow, to: END }
          - { from: stop, to: END }
        """;
    assertThat(answer(yaml, Map.of("ok", true)).state()).containsEntry("log", List.of("fast"));
    assertThat(answer(yaml, Map.of("ok", false)).state()).containsEntry("log", List.of("stopped"));
  }
}
