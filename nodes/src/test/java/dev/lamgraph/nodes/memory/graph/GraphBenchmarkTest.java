package dev.lamgraph.nodes.memory.graph;

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

/** Keeps the graph benchmark runnable: a small run prints its lines with sane values (no timing asserted). */
class GraphBenchmarkTest {
  @Test
  void smallRunPrintsWriteNeighbourAndPathLines(@TempDir Path dir) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GraphStore g = GraphStore.open(dir.resolve("m.db").toString(), Map.of())) {
      GraphBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), g, "sqlite", 400, 5);
      assertThat(g.namespaces().get(0)).containsEntry("entities", 100L);
    }
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("graph_write", "graph_neighbours", "graph_neighbours", "graph_path");
    assertThat(((Number) lines.get(0).get("relations_per_s")).longValue()).isPositive();
    assertThat(((Number) lines.get(2).get("mean_entities")).longValue()).isGreaterThan(((Number) lines.get(1).get("mean_entities")).longValue());
  }
}
