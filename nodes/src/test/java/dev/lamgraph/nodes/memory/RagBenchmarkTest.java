package dev.lamgraph.nodes.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the RAG benchmark runnable: a small run prints its lines with sane values (no timing asserted). */
class RagBenchmarkTest {
  @Test
  void smallRunPrintsIngestRecallAndAnnLines(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    RagBenchmark.ingest(out, dir, 3, true);
    RagBenchmark.real(out, dir, 120, 5, true);
    RagBenchmark.synthetic(out, dir, 1500, 5, true);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("rag_ingest", "rag_store", "rag_recall", "rag_recall",
        "rag_recall", "rag_recall", "rag_embed_query", "rag_ann");
    assertThat(lines.get(0)).containsEntry("files", 3L).containsEntry("unchanged", 3L);
    assertThat(((Number) lines.get(0).get("chunks")).intValue()).isGreaterThanOrEqualTo(3);
    assertThat(lines.subList(2, 6)).extracting(l -> l.get("search")).containsExactly("vector", "keyword", "hybrid", "exact");
    assertThat(((Number) lines.get(2).get("recall_at_10_vs_exact")).doubleValue()).isGreaterThan(0.8);
    assertThat(((Number) lines.get(7).get("recall_at_10_vs_exact")).doubleValue()).isGreaterThan(0.5);
  }
}
