package dev.lamgraph.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL step probe stays runnable, and what it found stays true: a worker's step is one
 * transaction (one commit record in the WAL per step, read back with pg_waldump) and one statement
 * (pg_stat_statements). No timing asserted.
 */
class PgStepProbeTest {
  @Test
  void aStepIsOneCommitRecordAndOneStatement() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PgStepProbe p = new PgStepProbe(new PrintStream(buf, true, StandardCharsets.UTF_8), PgStepProbe.server(false, ""), 200);
    p.waldump = true;
    p.only = "floor,store_commit,engine_worker";
    p.round(1, "");
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).extracting(l -> l.get("phase")).containsExactly("floor", "store_commit", "engine_worker", "floor");
    for (Map<String, Object> l : lines) {
      assertThat(l.get("commits")).isEqualTo(200L);
      assertThat(commitRecordsPerCommit(l)).as(l.get("phase") + ": commit records per commit").isBetween(1.0, 1.1);
    }
    Map<String, Object> worker = lines.get(2);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> statements = (Map<String, Map<String, Object>>) worker.get("statements");
    // the step's commit is the one statement run once per step; the others are once per run or the probe's polling
    assertThat(statements.get("WITH t AS (UPDATE lam_threads SET step = $1, updat")).containsEntry("calls", 200L);
    assertThat(statements).allSatisfy((sql, s) -> {
      if (!sql.startsWith("WITH t AS (UPDATE lam_threads SET step") && !sql.startsWith("SELECT id, owner, lease_until")) {
        assertThat(((Number) s.get("calls")).longValue()).as(sql).isLessThanOrEqualTo(5);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static double commitRecordsPerCommit(Map<String, Object> line) {
    Map<String, Object> kinds = (Map<String, Object>) line.get("wal_by_record_kind");
    return ((Number) ((Map<String, Object>) kinds.get("Transaction/COMMIT")).get("per_commit")).doubleValue();
  }
}
