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
    // a server of its own: the benchmark changes server settings (commit_delay) for a while
    PgServer pg = PgServer.start(false);
    new PgBenchmark(new PrintStream(buf, true, StandardCharsets.UTF_8), pg, true).runAll(dir);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("pg_workers", "pg_workers", "pg_workers",
        "pg_workers", "pg_workers", "pg_workers", "pg_workers", "pg_workers", "pg_workers", "pg_takeover",
        "checkpoint_bytes", "checkpoint_bytes");
    List<Map<String, Object>> workers = lines.subList(0, 9);
    assertThat(workers).extracting(l -> l.get("workers")).containsExactly(1L, 2L, 4L, 1L, 2L, 4L, 1L, 2L, 4L);
    assertThat(workers).extracting(l -> l.get("synchronous_commit"))
        .containsExactly("on", "on", "on", "off", "off", "off", "on", "on", "on");
    assertThat(workers).extracting(l -> l.get("server_settings")).containsExactly("", "", "", "", "", "",
        "commit_delay=100 commit_siblings=1", "commit_delay=100 commit_siblings=1", "commit_delay=100 commit_siblings=1");
    assertThat(workers).allSatisfy(l -> {
      assertThat(l.get("steps")).isEqualTo(4L * 20);
      // each line carries the floor measured just before it and the steps' period from their checkpoint times
      assertThat(((Number) l.get("floor_commits_per_s")).doubleValue()).isPositive();
      assertThat(((Number) l.get("wal_flushes_per_step")).doubleValue()).isNotNegative();
      assertThat(((Number) l.get("step_us_p50")).doubleValue()).isPositive()
          .isLessThanOrEqualTo(((Number) l.get("step_us_p90")).doubleValue());
    });
    assertThat(pg.psql("SHOW commit_delay")).isEqualTo("0"); // reset after the variant
    Map<String, Object> takeover = lines.get(9);
    assertThat(((Number) takeover.get("takeover_ms_min")).doubleValue()).isPositive();
    assertThat(lines.subList(10, 12)).extracting(l -> l.get("store")).containsExactly("postgresql", "sqlite");
    for (Map<String, Object> l : lines.subList(10, 12)) {
      // the same run stores the same checkpoints on both stores
      assertThat(l.get("checkpoint_bytes_per_step")).isEqualTo(lines.get(10).get("checkpoint_bytes_per_step"));
      assertThat(((Number) l.get("writes_bytes_per_step")).doubleValue()).isPositive();
    }
  }
}
