package dev.lamgraph.nodes.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op: ingest} and a recall with a filter and citations, from YAML. */
class DocumentNodeTest {
  static final String WORKFLOW = """
      name: docs
      memory: { store: mem.db }
      state:
        report: { type: object }
        sources: { type: list }
      nodes:
        ingest: { type: memory, op: ingest, namespace: docs, root: docs, include: ["*.md"],
                  split: { by: sentence, max_tokens: 16, overlap_tokens: 0 }, output: report }
        ask: { type: memory, op: recall, namespace: docs, query: "input.question", top_k: 2, search: hybrid,
               filter: "{'source': input.only}", citations: sources }
      edges:
        - { from: START, to: ingest }
        - { from: ingest, to: ask }
        - { from: ask, to: END }
      """;

  @Test
  @SuppressWarnings("unchecked")
  void ingestsThenRecallsWithCitationsAndAFilter(@TempDir Path dir) throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("a.md"), "# Returns\n\nParcels can be returned within 30 days. Refunds take five days.\n");
    Files.writeString(docs.resolve("b.md"), "# Shipping\n\nParcels ship within two days. Returns are free.\n");
    Files.writeString(docs.resolve("c.txt"), "Parcels are never returned.\n");
    Files.writeString(dir.resolve("docs.yaml"), WORKFLOW);
    try (CompiledGraph g = Compiler.withDefaults().compile(dir.resolve("docs.yaml"))) {
      RunResult r = MemoryNodeTest.run(g, Map.of("question", "how long do refunds take", "only", "a.md"));
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat((Map<String, Object>) r.state().get("report")).containsEntry("files", 2L).containsEntry("ingested", 2L)
          .containsEntry("skipped", List.of());
      List<Map<String, Object>> sources = (List<Map<String, Object>>) r.state().get("sources");
      assertThat(sources).hasSize(2).allSatisfy(s -> assertThat(s).containsEntry("source", "a.md").containsKeys("start", "end", "score"));
      assertThat(sources.get(0)).containsEntry("n", 1L).containsEntry("heading", "Returns").containsEntry("text", "Refunds take five days.");
      assertThat(sources.get(1)).containsEntry("n", 2L);
      Map<String, Object> first = sources.get(0);
      String file = Files.readString(docs.resolve("a.md"));
      assertThat(file.substring(((Number) first.get("start")).intValue(), ((Number) first.get("end")).intValue())).isEqualTo(first.get("text"));

      RunResult again = MemoryNodeTest.run(g, Map.of("question", "shipping time", "only", "b.md"));
      assertThat((Map<String, Object>) again.state().get("report")).containsEntry("ingested", 0L).containsEntry("unchanged", 2L);
      assertThat((List<Map<String, Object>>) again.state().get("sources")).allSatisfy(s -> assertThat(s).containsEntry("source", "b.md"));
    }
  }
}
