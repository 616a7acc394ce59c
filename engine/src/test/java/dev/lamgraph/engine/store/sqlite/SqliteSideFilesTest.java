package dev.lamgraph.engine.store.sqlite;

import static dev.lamgraph.engine.store.StoreFixtures.OWNER;
import static dev.lamgraph.engine.store.StoreFixtures.T0;
import static dev.lamgraph.engine.store.StoreFixtures.info;
import static dev.lamgraph.engine.store.StoreFixtures.initial;
import static dev.lamgraph.engine.store.StoreFixtures.step;
import static dev.lamgraph.engine.store.StoreFixtures.stepEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for a stale WAL whose message gave no way out (issue 9, item 11): SQLite's files
 * beside the store ({@code lam.db-wal}, {@code lam.db-shm}) that do not belong, or are in the way,
 * now get a message that says what to do, and following it recovers the store.
 */
class SqliteSideFilesTest {
  @TempDir Path dir;

  private static void threads(SqliteStore s, String prefix, int n, int steps) {
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      s.create(info(id, T0), initial(T0), List.of());
      s.claim(id, OWNER, o -> true);
      for (long k = 1; k <= steps; k++) s.commit(id, OWNER, step(k, k % 10 == 0), stepEvents(id, k));
    }
  }

  @Test
  void aStaleWalBesideARestoredStoreSaysToMoveItAsideAndThatRecovers() throws Exception {
    Path live = dir.resolve("live/lam.db");
    try (SqliteStore s = SqliteStore.open(live)) {
      threads(s, "old", 1, 3);
    }
    Path backup = Files.copy(live, dir.resolve("backup.db"));
    try (SqliteStore s = SqliteStore.open(live)) {
      threads(s, "mid", 20, 40); // checkpointed into the file when closed: the backup lacks these pages
    }
    // a process dies with commits in the WAL: copy the files as they are then
    try (Connection c = SqliteStoreTest.raw(live); Statement st = c.createStatement()) {
      st.execute("PRAGMA wal_autocheckpoint = 0");
      st.execute("DELETE FROM checkpoints WHERE thread BETWEEN 'mid1' AND 'mid7'"); // rebalances the b-tree
      st.execute("UPDATE threads SET status = 'failed'");
      Files.createDirectories(dir.resolve("restored"));
      Files.copy(live.resolveSibling("lam.db-wal"), dir.resolve("restored/lam.db-wal"));
      Files.copy(live.resolveSibling("lam.db-shm"), dir.resolve("restored/lam.db-shm"));
    }
    // the store restored from the backup, beside the WAL of the later file
    Path restored = Files.copy(backup, dir.resolve("restored/lam.db"));
    StoreException e = catchThrowableOfType(() -> {
      try (SqliteStore s = SqliteStore.open(restored)) {
        s.threads(); // the restored file's b-tree pages beside the WAL's: SQLite finds them malformed
        for (int i = 0; i < 20; i++) s.checkpoints("mid" + i, 0, 40);
      }
    }, StoreException.class);
    assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT);
    Path wal = restored.resolveSibling("lam.db-wal"), shm = restored.resolveSibling("lam.db-shm");
    assertThat(e.getMessage()).contains("if the store was restored or copied without its -wal file, lam.db-wal may be"
        + " stale: first move it and lam.db-shm aside (mv " + wal + " " + wal + ".stale; mv " + shm + " " + shm
        + ".stale) and try again; otherwise move it aside");

    // doing what it says brings the backup back
    Files.move(wal, dir.resolve("restored/lam.db-wal.stale"));
    Files.move(shm, dir.resolve("restored/lam.db-shm.stale"));
    try (SqliteStore s = SqliteStore.open(restored)) {
      assertThat(s.threads()).extracting(ThreadInfo::id).containsExactly("old0");
      assertThat(s.checkpoints("old0", 0, 3)).hasSize(4);
    }
  }

  @Test
  void aWalPathThatIsNotAFileIsNamed() throws Exception {
    Path file = dir.resolve("lam.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      threads(s, "t", 1, 1);
    }
    Path wal = Files.createDirectory(dir.resolve("lam.db-wal"));
    StoreException e = catchThrowableOfType(() -> SqliteStore.open(file).close(), StoreException.class);
    assertThat(e.reason()).isEqualTo(StoreException.Reason.IO);
    assertThat(e.getMessage()).endsWith(wal + " is not a regular file, but SQLite keeps the store's write-ahead log"
        + " there: move it aside (mv " + wal + " " + wal + ".bad) and run again");
    Files.delete(wal);
    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.threads()).hasSize(1);
    }
  }
}
