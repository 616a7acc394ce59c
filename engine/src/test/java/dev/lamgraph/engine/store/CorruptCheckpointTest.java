package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreFixtures.OWNER;
import static dev.lamgraph.engine.store.StoreFixtures.T0;
import static dev.lamgraph.engine.store.StoreFixtures.info;
import static dev.lamgraph.engine.store.StoreFixtures.initial;
import static dev.lamgraph.engine.store.StoreFixtures.step;
import static dev.lamgraph.engine.store.StoreFixtures.stepEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.store.sqlite.SqliteStore;
import dev.lamgraph.engine.store.sqlite.SqliteStoreTest;
import dev.lamgraph.engine.testing.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for silent checkpoint corruption (issue 9, item 11): a one-bit change in a stored
 * checkpoint row (its writes, its snapshot, its step list, even its thread) used to be read back
 * as if nothing had happened. Each row now carries a CRC-32C of its columns, checked on every read.
 */
class CorruptCheckpointTest {
  @TempDir Path dir;

  /** A thread t1 with checkpoints 0 to 3 (2 with a snapshot), then its row 3 changed by {@code tamper}. */
  private static void threeSteps(CheckpointStore s) {
    s.create(info("t1", T0), initial(T0), List.of());
    s.claim("t1", OWNER, o -> true);
    for (long n = 1; n <= 3; n++) s.commit("t1", OWNER, step(n, n == 2), stepEvents("t1", n));
  }

  private static void assertStep3Corrupt(CheckpointStore s) {
    StoreException e = catchThrowableOfType(() -> s.checkpoints("t1", 0, 3), StoreException.class);
    assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT);
    assertThat(e.getMessage()).startsWith("checkpoint 3 of thread t1 is corrupt (checksum mismatch)");
    // the rows before it still read, so the thread can be inspected and forked up to step 2
    assertThat(s.checkpoints("t1", 0, 2)).containsExactly(initial(T0), step(1, false), step(2, true));
    assertThat(s.snapshotAtOrBefore("t1", 3)).contains(step(2, true));
  }

  @Test
  void sqliteFindsAOneBitFlipInAnyColumn() throws Exception {
    Path file = dir.resolve("lam.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      threeSteps(s);
      assertThat(s.checkpoints("t1", 0, 3)).hasSize(4);
    }
    // '3' (0x33) -> '2' (0x32): one bit, in the writes JSON of step 3
    String[] flips = {
        "UPDATE checkpoints SET writes = replace(writes, '\"n\":3', '\"n\":2') WHERE thread = 't1' AND step = 3",
        "UPDATE checkpoints SET next = '[\"reviex\"]' WHERE thread = 't1' AND step = 3", // w -> x
        "UPDATE checkpoints SET time = replace(time, '10:00:03', '10:00:02') WHERE thread = 't1' AND step = 3"};
    for (String flip : flips) {
      Path copy = dir.resolve("copy-" + flip.hashCode() + ".db");
      java.nio.file.Files.copy(file, copy);
      try (Connection c = SqliteStoreTest.raw(copy); Statement st = c.createStatement()) {
        assertThat(st.executeUpdate(flip)).as(flip).isEqualTo(1);
      }
      try (SqliteStore s = SqliteStore.open(copy)) {
        assertStep3Corrupt(s);
      }
    }
  }

  @Test
  void sqliteRowsWithoutAChecksumAreAcceptedAndAMovedRowIsNot() throws Exception {
    Path file = dir.resolve("lam.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      threeSteps(s);
    }
    try (Connection c = SqliteStoreTest.raw(file); Statement st = c.createStatement()) {
      // a row from before schema 3 has no checksum: read as it is, even when it was changed
      st.executeUpdate("UPDATE checkpoints SET checksum = NULL, writes = replace(writes, '\"n\":3', '\"n\":2')"
          + " WHERE thread = 't1' AND step = 3");
      // a row copied under another thread keeps t1's checksum: refused
      st.executeUpdate("INSERT INTO threads SELECT 't2', updated_step, updated, owner, status, detail, created,"
          + " workflow, file, input, source FROM threads WHERE id = 't1'");
      st.executeUpdate("INSERT INTO checkpoints SELECT 't2', step, first_seq, last_seq, time, events, ran, next, writes,"
          + " snapshot, checksum FROM checkpoints WHERE thread = 't1' AND step = 0");
    }
    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.checkpoints("t1", 3, 3).get(0).writesJson()).contains("\"n\":2");
      StoreException e = catchThrowableOfType(() -> s.checkpoints("t2", 0, 0), StoreException.class);
      assertThat(e.getMessage()).startsWith("checkpoint 0 of thread t2 is corrupt (checksum mismatch)");
    }
  }

  @Test
  void postgresFindsAOneBitFlip() throws Exception {
    PgServer pg = PgServer.shared();
    String schema = pg.newSchema();
    try (PostgresStore s = PostgresStore.open(pg.url(schema), Map.of())) {
      threeSteps(s);
      assertThat(s.checkpoints("t1", 0, 3)).hasSize(4);
      pg.psql("UPDATE " + schema + ".lam_checkpoints SET writes = replace(writes, '\"n\":3', '\"n\":2')"
          + " WHERE thread = 't1' AND step = 3");
      assertStep3Corrupt(s);
      // a row without a checksum (written before schema 2) is read unchecked
      pg.psql("UPDATE " + schema + ".lam_checkpoints SET checksum = NULL WHERE thread = 't1' AND step = 3");
      assertThat(s.checkpoints("t1", 3, 3).get(0).writesJson()).contains("\"n\":2");
    }
  }
}
