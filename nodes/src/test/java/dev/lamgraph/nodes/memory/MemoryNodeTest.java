package dev.lamgraph.nodes.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory nodes with the real local embedding model and a real SQLite memory file. */
class MemoryNodeTest {
  static final String WORKFLOW = """
      name: incidents
      memory: { store: mem.db }
      state:
        incident: { type: object }
        similar: { type: list }
      nodes:
        remember: { type: memory, op: store, namespace: incidents, text: "state.incident.text", id: "state.incident.id",
                    metadata: "{'fix': state.incident.fix}" }
        recall: { type: memory, op: recall, namespace: incidents, query: "input.question", top_k: 2, output: similar }
      edges:
        - { from: START, to: remember }
        - { from: remember, to: recall }
        - { from: recall, to: END }
      """;

  static RunResult run(CompiledGraph g, Map<String, Object> input) throws Exception {
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      return runs.start(g, null, input);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void storesAndRecallsBySimilarityIdempotently(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("incidents.yaml"), WORKFLOW);
    try (CompiledGraph g = Compiler.withDefaults().compile(dir.resolve("incidents.yaml"))) {
      List<Map<String, Object>> incidents = List.of(
          Map.of("id", "db", "text", "database connection refused: too many clients on postgres", "fix", "raise max_connections"),
          Map.of("id", "disk", "text", "disk full: no space left on device while writing logs", "fix", "rotate logs"),
          Map.of("id", "oom", "text", "java.lang.OutOfMemoryError: Java heap space in the report job", "fix", "raise -Xmx"));
      RunResult last = null;
      for (Map<String, Object> i : incidents) {
        last = run(g, Map.of("incident", i, "question", "postgres refuses new connections"));
        assertThat(last.status()).isEqualTo(RunStatus.DONE);
      }
      List<Map<String, Object>> hits = (List<Map<String, Object>>) last.state().get("similar");
      assertThat(hits).hasSize(2);
      assertThat(hits.get(0).get("id")).isEqualTo("db");
      assertThat(((Map<String, Object>) hits.get(0).get("metadata")).get("fix")).isEqualTo("raise max_connections");
      assertThat((Double) hits.get(0).get("score")).isGreaterThan((Double) hits.get(1).get("score"));
      // storing the same id again replaces, never duplicates (a resumed step may run twice)
      run(g, Map.of("incident", incidents.get(0), "question", "x"));
      var res = (MemorySection.MemoryResource) g.resources().get("memory");
      assertThat(res.memory().count("incidents")).isEqualTo(3);
      assertThat(res.file()).isEqualTo(dir.resolve("mem.db"));
      assertThat(res.memory().forget("incidents", "disk")).isEqualTo(1);
      assertThat(res.memory().count("incidents")).isEqualTo(2);
    }
  }

  @Test
  void trimKeepsTheLastMessagesAndSummarisesTheRest() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("t.yaml", """
        name: trim
        state:
          history: { type: list }
          older: { type: string, default: "" }
        nodes:
          trim: { type: memory, op: trim, messages: history, keep_last: 2, summary: older }
        edges: [ { from: START, to: trim }, { from: trim, to: END } ]
        """, Path.of("."));
    RunResult r = run(g, Map.of("history", List.of(
        Map.of("role", "user", "content", "Book a room in Lyon. Cheap please."),
        Map.of("role", "assistant", "content", "Found three hotels."), "plain note", Map.of("role", "user", "content", "The second."))));
    assertThat(r.state().get("history")).isEqualTo(List.of("plain note", Map.of("role", "user", "content", "The second.")));
    assertThat(r.state().get("older")).isEqualTo("- user: Book a room in Lyon.\n- assistant: Found three hotels.");
  }

  @Test
  void misconfiguredMemoryNodesAreCompileErrors() {
    assertThatThrownBy(() -> Compiler.withDefaults().compileText("t.yaml", """
        name: bad
        state: { history: { type: list, reducer: append }, hits: { type: string } }
        nodes:
          trim: { type: memory, op: trim, messages: history }
          recall: { type: memory, op: recall, namespace: n, query: "state.nope", output: hits }
        edges: [ { from: START, to: trim }, { from: trim, to: recall }, { from: recall, to: END } ]
        """, Path.of("."))).isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.diagnostics())
        .extracting(d -> d.code()).contains("OUTPUT_CHANNEL", "EXPR_COMPILE", "OUTPUT_CHANNEL"));
  }
}
