package dev.lamgraph.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up benchmark is kept runnable: one small run prints a well-formed line (no timing asserted). */
class WarmUpBenchmarkTest {
  @Test
  void aRunPrintsTheCpuTimeOfEachRange(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    WarmUpBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), dir, 2100);
    Map<String, Object> line = Json.readMap(buf.toString(StandardCharsets.UTF_8).strip());
    assertThat(line).containsEntry("bench", "warmup").containsEntry("items", 2100L)
        .containsKeys("cpu_ms_to_thread_created", "cpu_ms_step_1", "cpu_us_per_step_10_100", "cpu_us_per_step_1000_2000");
    assertThat(((Number) line.get("cpu_us_per_step_steady")).doubleValue()).isPositive();
    assertThat(((Number) line.get("cpu_ms_first_100")).doubleValue())
        .isGreaterThanOrEqualTo(((Number) line.get("cpu_ms_step_1")).doubleValue());
    assertThatThrownBy(() -> WarmUpBenchmark.run(new PrintStream(new ByteArrayOutputStream()), dir, 100))
        .hasMessageContaining("over 2,000");
  }
}
