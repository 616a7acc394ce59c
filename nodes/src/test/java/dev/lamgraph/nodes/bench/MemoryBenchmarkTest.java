package dev.lamgraph.nodes.bench;

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

/** Keeps the memory benchmark runnable: a small run prints its three JSON lines (no timing asserted). */
class MemoryBenchmarkTest {
  @Test
  void smallRunPrintsLoadStoreAndRecallLines(@TempDir Path dir) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    MemoryBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), dir, 30, true);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("memory_model_load", "memory_store", "memory_recall");
    assertThat(lines.get(1).get("items")).isEqualTo(30L);
    assertThat(((Number) lines.get(2).get("p50_ms")).doubleValue()).isPositive();
  }
}
