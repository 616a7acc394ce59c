package dev.lamgraph.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL floor benchmark stays runnable, and a worker step stays one statement (no timing asserted). */
class PgFloorTest {
  @Test
  void quickRunPrintsTheCommitFloorAndOneStatementPerStep() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new PgFloor(new PrintStream(buf, true, StandardCharsets.UTF_8), PgServer.start(false), true).runAll();
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("bench")).containsExactly("pg_commit_floor", "pg_commit_floor",
        "pg_commit_floor", "pg_commit_floor", "pg_statements_per_step");
    assertThat(lines.subList(0, 4)).extracting(l -> l.get("connections")).containsExactly(1L, 2L, 4L, 1L);
    assertThat(lines.subList(0, 4)).extracting(l -> l.get("row_bytes")).containsExactly(8L, 8L, 8L, 1000L);
    assertThat(lines.subList(0, 4)).allSatisfy(l -> assertThat(((Number) l.get("commits_per_s")).doubleValue()).isPositive());
    Map<String, Object> st = lines.get(4);
    assertThat(st.get("steps")).isEqualTo(20L);
    @SuppressWarnings("unchecked")
    Map<String, Object> kinds = (Map<String, Object>) st.get("statement_kinds");
    // the step's commit: one statement per step, the rest is the run's take, claim, status and release
    assertThat(kinds).containsEntry("WITH t AS (UPDATE lam_threads SET step =", 20L);
    assertThat((Number) st.get("statements")).satisfies(n -> assertThat(n.longValue()).isBetween(20L, 20L + 30));
  }
}
