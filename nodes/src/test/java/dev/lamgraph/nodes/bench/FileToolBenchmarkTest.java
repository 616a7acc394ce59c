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

/** Keeps the file tool benchmark runnable: a small run prints its three JSON lines (no timing asserted). */
class FileToolBenchmarkTest {
  @Test
  void smallRunPrintsReadWriteAndListLines(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    FileToolBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), dir, 20, true);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("file_tool_read", "file_tool_write", "file_tool_list");
    assertThat(lines).allSatisfy(l -> assertThat(((Number) l.get("us_per_call")).doubleValue()).isPositive());
  }
}
