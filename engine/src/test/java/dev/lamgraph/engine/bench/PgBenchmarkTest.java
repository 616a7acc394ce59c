package dev.lamgraph.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL benchmark stays runnable: a quick run prints its JSON lines (no timing asserted). */
class PgBenchmarkTest {
  @Test
  void quickRunPrintsWorkersTakeoverAndCheckpointBytes(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new PgBenchmark(new PrintStream(buf, true, StandardCharsets.UTF_8), PgServer.shared(), true).runAll(dir);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("pg_workers", "pg_workers", "pg_workers",
        "pg_workers", "pg_workers", "pg_workers", "pg_takeover", "checkpoint_bytes", "checkpoint_bytes");
    assertThat(lines.subList(0, 6)).extracting(l -> l.get("workers")).containsExactly(1L, 2L, 4L, 1L, 2L, 4L);
    assertThat(lines.subList(0, 6)).extracting(l -> l.get("synchronous_commit"))
        .containsExactly("on", "on", "on", "off", "off", "off");
    assertThat(lines.subList(0, 6)).allSatisfy(l -> assertThat(l.get("steps")).isEqualTo(4L * 20));
    Map<String, Object> takeover = lines.get(6);
    assertThat(((Number) takeover.get("takeover_ms_min")).doubleValue()).isPositive();
    assertThat(lines.subList(7, 9)).extracting(l -> l.get("store")).containsExactly("postgresql", "sqlite");
    for (Map<String, Object> l : lines.subList(7, 9)) {
      // the same run stores the same checkpoints on both stores
      assertThat(l.get("checkpoint_bytes_per_step")).isEqualTo(lines.get(7).get("checkpoint_bytes_per_step"));
      assertThat(((Number) l.get("writes_bytes_per_step")).doubleValue()).isPositive();
    }
  }
}
