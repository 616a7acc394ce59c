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

/** The secrets benchmark is kept runnable: a quick run prints one JSON line per scenario (no timing asserted). */
class SecretStepBenchmarkTest {
  @Test
  void quickRunPrintsOneJsonObjectPerScenario(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SecretStepBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), dir, true);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("scenario"))
        .containsExactly("no_secrets", "secrets_not_in_state", "secret_in_every_step");
    assertThat(lines).allSatisfy(l -> assertThat(((Number) l.get("us_per_step_steady")).doubleValue()).isPositive());
  }
}
