package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for inspection commands that could not open a store on read-only media (issue 9,
 * item 11): {@code lam runs/state/history/trace/diagram --run} open SQLite read-only (immutable
 * when the directory cannot be written), so they work on a copy of a store in a read-only
 * directory; commands that write still fail, with a message saying why and what to do.
 */
class ReadOnlyStoreTest {
  @TempDir Path dir;

  @Test
  void inspectionWorksOnAStoreInAReadOnlyDirectory() throws Exception {
    assertThat(Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", "c1", "--input", "n=3", "-q").code()).isZero();
    Path media = Files.createDirectories(dir.resolve("media"));
    Files.copy(dir.resolve(".lam/lam.db"), media.resolve("lam.db"));
    String store = "sqlite:" + media.resolve("lam.db");
    // inspecting a writable store leaves nothing beside it
    assertThat(Lam.run(dir, "runs", "--store", store).code()).isZero();
    List<String> before = listing(media);
    assertThat(before).containsExactly("lam.db");

    try (ReadOnlyDir ro = ReadOnlyDir.lock(media)) {
      Lam.Result runs = Lam.run(dir, "runs", "--store", store);
      assertThat(runs.code()).as(runs.toString()).isZero();
      assertThat(runs.out()).containsPattern("(?m)^c1 +count +[0-9a-f]{8} +done +3 ");
      Lam.Result state = Lam.run(dir, "state", "c1", "--store", store, "--json");
      assertThat(state.code()).as(state.toString()).isZero();
      assertThat(state.json()).containsEntry("step", 3L);
      for (Object[] cmd : List.of(new Object[] {"history", "c1"}, new Object[] {"trace", "c1"},
          new Object[] {"diagram", "--run", "c1"})) {
        Lam.Result r = Lam.run(dir, Stream.concat(Stream.of(cmd), Stream.of("--store", store)).toArray());
        assertThat(r.code()).as(cmd[0] + ": " + r).isZero();
        assertThat(r.out()).as(cmd[0].toString()).isNotEmpty();
      }

      // writing is refused, saying why (this is also what every command said before)
      Lam.Result run = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=1", "--store", store, "-q");
      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.err()).startsWith("lam: error: cannot use the store " + media.resolve("lam.db") + " while opening it: ")
          .contains("; the directory " + media + " is read-only, and a store that is written needs it writable")
          .contains("lam runs/state/history/trace can still read it");
      assertThat(listing(media)).isEqualTo(before); // no -wal or -shm left behind
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void commitsStillInTheWalAreReadAndAWalWithoutItsIndexIsExplained() throws Exception {
    Path db = dir.resolve(".lam/lam.db");
    assertThat(Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", "c1", "--input", "n=1", "-q").code()).isZero();
    Path media = Files.createDirectories(dir.resolve("media"));
    Path bare = Files.createDirectories(dir.resolve("bare"));
    // another connection stays open, so c2's commits stay in the WAL when lam exits: copy the files then
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = other.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM threads")) {
        rs.next();
      }
      assertThat(Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", "c2", "--input", "n=4", "-q").code()).isZero();
      for (String f : List.of("lam.db", "lam.db-wal", "lam.db-shm")) Files.copy(db.resolveSibling(f), media.resolve(f));
      for (String f : List.of("lam.db", "lam.db-wal")) Files.copy(db.resolveSibling(f), bare.resolve(f));
    }
    assertThat(Files.size(media.resolve("lam.db-wal"))).isPositive();

    try (ReadOnlyDir ro = ReadOnlyDir.lock(media)) {
      Lam.Result state = Lam.run(dir, "state", "c2", "--store", "sqlite:" + media.resolve("lam.db"), "--json");
      assertThat(state.code()).as(state.toString()).isZero();
      assertThat((Map<String, Object>) state.json().get("state")).containsEntry("count", 4L);
    }
    try (ReadOnlyDir ro = ReadOnlyDir.lock(bare)) {
      Lam.Result state = Lam.run(dir, "state", "c2", "--store", "sqlite:" + bare.resolve("lam.db"));
      assertThat(state.code()).as(state.toString()).isEqualTo(1);
      assertThat(state.err()).contains(bare.resolve("lam.db-wal") + " holds committed steps not yet copied into the"
          + " store, and reading them needs " + bare.resolve("lam.db-shm") + ", which cannot be created in the read-only"
          + " directory " + bare + ": copy lam.db and lam.db-wal to a writable directory and use the copy");
    }
  }

  private static List<String> listing(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
