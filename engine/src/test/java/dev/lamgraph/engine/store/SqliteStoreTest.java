package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreException.Reason.CONFLICT;
import static dev.lamgraph.engine.store.StoreException.Reason.CORRUPT;
import static dev.lamgraph.engine.store.StoreException.Reason.IO;
import static dev.lamgraph.engine.store.StoreException.Reason.LOCKED;
import static dev.lamgraph.engine.store.StoreException.Reason.NEWER_SCHEMA;
import static dev.lamgraph.engine.store.StoreException.Reason.UNAVAILABLE;
import static dev.lamgraph.engine.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.trace.TraceEvent.Kind;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;

class SqliteStoreTest extends CheckpointStoreContract {
  private ExecutorService pool;

  @Override
  protected CheckpointStore newStore(Path dir) {
    return SqliteStore.open(dir.resolve("lam.db"));
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static Connection raw(Path file) throws SQLException {
    return new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
  }

  static long pragma(Path file, String name) throws SQLException {
    try (Connection c = raw(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static StoreException openFails(Path file) {
    Throwable t = catchThrowable(() -> SqliteStore.open(file).close());
    assertThat(t).isInstanceOf(StoreException.class);
    return (StoreException) t;
  }

  // ---- files that cannot be used --------------------------------------------------------------

  @Test
  void aFileThatIsNotADatabaseIsCorrupt() throws Exception {
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "these are notes, not a database\n".repeat(100));
    StoreException e = openFails(junk);
    assertThat(e.reason()).isEqualTo(CORRUPT);
    assertThat(e.getMessage()).contains(junk.toString()).contains("move it aside");
    assertThat(Files.readString(junk)).startsWith("these are notes"); // left as it was
  }

  @Test
  void aDamagedDatabaseIsCorrupt() throws Exception {
    Path file = dir.resolve("damaged.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      s.create(info("t1", T0), initial(T0), stepEvents("t1", 0));
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(100); // keep the header, garble the schema page behind it
      f.write("garbage".repeat(600).getBytes(), 0, 3900);
    }
    StoreException e = openFails(file);
    assertThat(e.reason()).isEqualTo(CORRUPT);
    assertThat(e.getMessage()).contains(file.toString()).contains("move it aside");
  }

  @Test
  void aNewerSchemaIsRefusedWithBothVersions() throws Exception {
    Path file = dir.resolve("newer.db");
    int newer = SqliteSchema.VERSION + 1;
    try (Connection c = raw(file); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = " + SqliteSchema.APPLICATION_ID);
      s.execute("PRAGMA user_version = " + newer);
      s.execute("CREATE TABLE threads (id TEXT PRIMARY KEY, future_column TEXT)");
    }
    StoreException e = openFails(file);
    assertThat(e.reason()).isEqualTo(NEWER_SCHEMA);
    assertThat(e.getMessage()).contains(file.toString()).contains("newer lamgraph")
        .contains("schema " + newer).contains("knows " + SqliteSchema.VERSION);
    assertThat(pragma(file, "user_version")).isEqualTo(newer); // not touched
  }

  @Test
  void anotherApplicationsDatabaseIsRefused() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = raw(file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE threads (x INTEGER)");
    }
    StoreException e = openFails(file);
    assertThat(e.reason()).isEqualTo(UNAVAILABLE);
    assertThat(e.getMessage()).contains(file.toString()).contains("another application");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsIo() throws Exception {
    Path blocker = Files.writeString(dir.resolve("afile"), "x"); // root ignores chmod, not a file in the way
    Path file = blocker.resolve("sub").resolve("lam.db");
    StoreException e = openFails(file);
    assertThat(e.reason()).isEqualTo(IO);
    assertThat(e.getMessage()).contains(blocker.resolve("sub").toString()).contains("not a directory");
  }

  @Test
  void aDirectoryAsTheStorePathIsIo() {
    StoreException e = openFails(dir);
    assertThat(e.reason()).isEqualTo(IO);
    assertThat(e.getMessage()).contains(dir.toString());
  }

  @Test
  void openingCreatesTheDirectoryAndAWalDatabaseAtTheCurrentSchema() throws Exception {
    Path file = dir.resolve("a/b/lam.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.location()).isEqualTo("sqlite:" + file.toAbsolutePath());
    }
    assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.VERSION);
    assertThat(pragma(file, "application_id")).isEqualTo(SqliteSchema.APPLICATION_ID);
    try (Connection c = raw(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    StoreException e = (StoreException) catchThrowable(() -> store.threads());
    assertThat(e.reason()).isEqualTo(UNAVAILABLE);
    assertThat(e.getMessage()).contains("closed");
  }

  // ---- atomicity and concurrency --------------------------------------------------------------

  @Test
  void aStepWhoseEventsCannotBeEncodedStoresNothing() {
    started("t1");
    TraceEvent bad = TraceEvent.of("t1", 1, Kind.NODE_SUCCEEDED, "act", T0, Map.of("v", Optional.of(1)));
    assertThatThrownBy(() -> store.commit("t1", OWNER, step(1, false), List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.thread("t1").orElseThrow().step()).isZero();
    assertThat(store.checkpoints("t1", 0, 10)).hasSize(1);
    assertThat(store.events("t1")).hasSize(1);
  }

  @Test
  void aWriteBlockedPastTheBusyTimeoutIsLocked() throws Exception {
    Path file = dir.resolve("lam.db");
    started("t1");
    try (SqliteStore quick = SqliteStore.open(file, Duration.ofMillis(150)); Connection other = raw(file);
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // another process is writing
      StoreException e = (StoreException) catchThrowable(() -> quick.commit("t1", OWNER, step(1, false), List.of()));
      assertThat(e.reason()).isEqualTo(LOCKED);
      assertThat(e.getMessage()).contains(file.toString()).contains("locked");
      assertThat(quick.thread("t1").orElseThrow().step()).isZero(); // readers are not blocked (WAL)
      s.execute("ROLLBACK");
      quick.commit("t1", OWNER, step(1, false), List.of());
    }
    assertThat(store.thread("t1").orElseThrow().step()).isEqualTo(1);
  }

  @Test
  void twoInstancesCommittingToDifferentThreadsLoseNothing() throws Exception {
    Path file = dir.resolve("lam.db");
    int steps = 150;
    try (SqliteStore a = SqliteStore.open(file); SqliteStore b = SqliteStore.open(file)) {
      List<Future<?>> runs = new ArrayList<>();
      for (var run : List.of(Map.entry(a, "ta"), Map.entry(b, "tb"))) {
        SqliteStore s = run.getKey();
        String id = run.getValue();
        s.create(info(id, T0), initial(T0), List.of());
        s.claim(id, OWNER, o -> true);
        runs.add(pool.submit(() -> {
          for (long n = 1; n <= steps; n++) s.commit(id, OWNER, step(n, n % 50 == 0), stepEvents(id, n));
        }));
      }
      for (Future<?> f : runs) f.get();
    }
    try (SqliteStore c = SqliteStore.open(file)) {
      for (String id : List.of("ta", "tb")) {
        assertThat(c.thread(id).orElseThrow().step()).isEqualTo(steps);
        assertThat(steps(c.checkpoints(id, 0, Long.MAX_VALUE))).isEqualTo(LongStream.rangeClosed(0, steps).boxed().toList());
        assertThat(seqs(c.events(id))).isEqualTo(LongStream.rangeClosed(1, 3L * steps).boxed().toList());
      }
    }
  }

  @Test
  void twoInstancesRacingForTheSameStepExactlyOneWins() throws Exception {
    Path file = dir.resolve("lam.db");
    started("t1");
    int rounds = 40;
    try (SqliteStore a = SqliteStore.open(file); SqliteStore b = SqliteStore.open(file)) {
      for (long n = 1; n <= rounds; n++) {
        long step = n;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<StoreException.Reason>>> racers = new ArrayList<>();
        for (SqliteStore s : List.of(a, b)) {
          racers.add(pool.submit(attempt(start, () -> s.commit("t1", OWNER, step(step, false), stepEvents("t1", step)))));
        }
        List<Optional<StoreException.Reason>> results = List.of(racers.get(0).get(), racers.get(1).get());
        assertThat(results).as("round %d", n).containsExactlyInAnyOrder(Optional.empty(), Optional.of(CONFLICT));
      }
    }
    assertThat(store.thread("t1").orElseThrow().step()).isEqualTo(rounds);
    assertThat(store.checkpoints("t1", 0, Long.MAX_VALUE)).hasSize(rounds + 1);
    assertThat(seqs(store.events("t1"))).isEqualTo(LongStream.rangeClosed(1, 1 + 3L * rounds).boxed().toList());
  }

  @Test
  void twoInstancesRacingToClaimALiveThreadExactlyOneWins() throws Exception {
    Path file = dir.resolve("lam.db");
    try (SqliteStore a = SqliteStore.open(file); SqliteStore b = SqliteStore.open(file)) {
      for (int i = 0; i < 20; i++) {
        String id = "t" + i;
        store.create(info(id, T0), initial(T0), List.of());
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Optional<StoreException.Reason>> fa = pool.submit(attempt(start, () -> a.claim(id, OWNER, o -> true)));
        Future<Optional<StoreException.Reason>> fb = pool.submit(attempt(start, () -> b.claim(id, OTHER, o -> true)));
        assertThat(List.of(fa.get(), fb.get())).containsExactlyInAnyOrder(Optional.empty(), Optional.of(LOCKED));
        String winner = fa.get().isEmpty() ? OWNER : OTHER;
        assertThat(store.thread(id).orElseThrow().owner()).isEqualTo(winner);
      }
    }
  }

  @Test
  void severalInstancesOpeningANewFileAtOnceAllSucceed() throws Exception {
    for (int round = 0; round < 5; round++) {
      Path file = dir.resolve("fresh-" + round + ".db");
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<Optional<StoreException.Reason>>> opens = new ArrayList<>();
      for (int i = 0; i < 4; i++) opens.add(pool.submit(attempt(start, () -> SqliteStore.open(file).close())));
      for (Future<Optional<StoreException.Reason>> f : opens) assertThat(f.get()).isEmpty();
      assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.VERSION);
    }
  }

  /** Runs {@code action} once all parties are ready; empty when it succeeded, else the store failure. */
  static Callable<Optional<StoreException.Reason>> attempt(CyclicBarrier start, Runnable action) {
    return () -> {
      start.await();
      try {
        action.run();
        return Optional.empty();
      } catch (StoreException e) {
        return Optional.of(e.reason());
      }
    };
  }
}
