package dev.lamgraph.engine.bench;

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

/** The benchmark itself is kept runnable: a quick run prints well-formed JSON lines (no timing asserted). */
class StepBenchmarkTest {
  @Test
  void quickRunPrintsOneJsonObjectPerScenario(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new StepBenchmark(new PrintStream(buf, true, StandardCharsets.UTF_8), dir, true).runAll(StepBenchmark.stores());
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    long stores = StepBenchmark.stores().size();
    // per store: 3 sizes + flatness + many-threads; langgraph4j: 2 savers x 3 sizes
    assertThat(lines).hasSize((int) (stores * 5 + 6));
    assertThat(lines).filteredOn(l -> "lamgraph".equals(l.get("executor")) && "step".equals(l.get("bench")))
        .allSatisfy(l -> {
          assertThat(((Number) l.get("us_per_step")).doubleValue()).isPositive();
          assertThat(((Number) l.get("checkpoint_bytes_per_step")).doubleValue()).isPositive();
        });
    assertThat(lines).filteredOn(l -> "langgraph4j".equals(l.get("executor"))).hasSize(6);
  }
}
