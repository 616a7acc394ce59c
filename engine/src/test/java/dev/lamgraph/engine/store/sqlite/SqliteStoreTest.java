package dev.lamgraph.engine.store.sqlite;

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

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CheckpointStoreContract;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent.Kind;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

public class SqliteStoreTest extends CheckpointStoreContract {
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

  public static Connection raw(Path file) throws SQLException {
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

  // ---- what a commit writes, and schema upgrades ----------------------------------------------

  @Test
  void aStepCommitWritesOnlyItsCheckpointRowHoldingItsEvents() throws Exception {
    Path file = dir.resolve("lam.db");
    started("t1");
    store.setStatus("t1", RunStatus.RUNNING, null, List.of(event("t1", 0, Kind.NODE_RETRY, "act", at(1))));
    List<List<Object>> threadRows = rows(file, "SELECT * FROM threads");
    List<List<Object>> eventRows = rows(file, "SELECT * FROM events");

    store.commit("t1", OWNER, step(1, false), stepEvents("t1", 1));
    store.commit("t1", OWNER, step(2, false), List.of());

    assertThat(rows(file, "SELECT * FROM threads")).isEqualTo(threadRows);
    assertThat(rows(file, "SELECT * FROM events")).isEqualTo(eventRows);
    assertThat(rows(file, "SELECT step, first_seq, last_seq, json_array_length(events) FROM checkpoints ORDER BY step"))
        .containsExactly(Arrays.asList(0L, 1L, 1L, null), List.of(1L, 3L, 5L, 3L), Arrays.asList(2L, 6L, 5L, null));
    assertThat(seqs(store.events("t1"))).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  /** The schema-1 DDL as shipped (migration 1), to build a store as an older lamgraph left it. */
  static final List<String> SCHEMA_1 = List.of(
      """
      CREATE TABLE threads (
        id       TEXT PRIMARY KEY,
        step     INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,  -- seq of the thread's last event
        updated  TEXT NOT NULL,
        owner    TEXT,
        status   TEXT NOT NULL,
        detail   TEXT,
        created  TEXT NOT NULL,
        workflow TEXT,
        file     TEXT,
        input    TEXT,
        source   TEXT
      )""",
      """
      CREATE TABLE checkpoints (
        thread   TEXT NOT NULL,
        step     INTEGER NOT NULL,
        time     TEXT NOT NULL,
        ran      TEXT,            -- JSON array of node names
        next     TEXT,            -- JSON array of node names
        writes   TEXT,            -- JSON
        snapshot TEXT,            -- JSON, null when no snapshot was taken
        PRIMARY KEY (thread, step)
      ) WITHOUT ROWID""",
      "CREATE INDEX checkpoints_snapshots ON checkpoints (thread, step) WHERE snapshot IS NOT NULL",
      """
      CREATE TABLE events (
        thread TEXT NOT NULL,
        seq    INTEGER NOT NULL,
        step   INTEGER NOT NULL,
        kind   TEXT NOT NULL,
        node   TEXT,
        time   TEXT NOT NULL,
        data   TEXT NOT NULL,     -- JSON object
        PRIMARY KEY (thread, seq)
      ) WITHOUT ROWID""",
      "PRAGMA application_id = " + SqliteSchema.APPLICATION_ID,
      "PRAGMA user_version = 1");

  @Test
  void aSchema1StoreIsMigratedAndKeepsEverything() throws Exception {
    Path file = dir.resolve("old.db");
    // t1 as schema 1 stored it: created, steps 1 and 2 committed (2 with a snapshot), then paused
    ThreadInfo t1 = new ThreadInfo("t1", "review-loop", "flows/review.yaml", "name: review-loop\n# ✓\n", "{\"n\":3}",
        RunStatus.PAUSED, 2, "{\"question\":\"ok?\"}", OWNER, T0, at(30));
    ThreadInfo t2 = new ThreadInfo("t2", null, null, null, null, RunStatus.RUNNING, 0, null, null, at(9), at(9));
    List<Checkpoint> t1Checkpoints = List.of(initial(T0), step(1, false), step(2, true));
    List<TraceEvent> t1Events = new ArrayList<>();
    t1Events.add(event("t1", 0, Kind.RUN_STARTED, null, T0));
    t1Events.addAll(stepEvents("t1", 1));
    t1Events.addAll(stepEvents("t1", 2));
    t1Events.add(event("t1", 2, Kind.RUN_PAUSED, "ask", at(30)));
    try (Connection c = raw(file); Statement s = c.createStatement()) {
      for (String sql : SCHEMA_1) s.execute(sql);
      for (var t : List.of(Map.entry(t1, (long) t1Events.size()), Map.entry(t2, 0L))) {
        ThreadInfo i = t.getKey();
        insert(c, "INSERT INTO threads (id, step, last_seq, updated, owner, status, detail, created, workflow, file, input,"
            + " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", i.id(), i.step(), t.getValue(),
            SqlRows.time(i.updated()), i.owner(), i.status().id(), i.detailJson(), SqlRows.time(i.created()),
            i.workflow(), i.file(), i.inputJson(), i.source());
      }
      for (var cp : List.of(Map.entry("t1", t1Checkpoints.get(0)), Map.entry("t1", t1Checkpoints.get(1)),
          Map.entry("t1", t1Checkpoints.get(2)), Map.entry("t2", initial(at(9))))) {
        Checkpoint k = cp.getValue();
        insert(c, "INSERT INTO checkpoints (thread, step, time, ran, next, writes, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)",
            cp.getKey(), k.step(), SqlRows.time(k.time()), Json.write(k.ran()), Json.write(k.next()), k.writesJson(),
            k.snapshotJson());
      }
      long seq = 0;
      for (TraceEvent e : t1Events) {
        insert(c, "INSERT INTO events (thread, seq, step, kind, node, time, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            "t1", ++seq, e.step(), e.kind(), e.node(), SqlRows.time(e.time()), Json.write(e.data()));
      }
    }

    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.thread("t1")).contains(t1);
      assertThat(s.threads()).containsExactly(t1, t2);
      assertThat(s.checkpoints("t1", 0, 10)).isEqualTo(t1Checkpoints);
      assertThat(s.checkpoints("t2", 0, 10)).containsExactly(initial(at(9)));
      assertThat(s.snapshotAtOrBefore("t1", 10)).contains(step(2, true));
      assertThat(s.snapshotAtOrBefore("t1", 1)).contains(initial(T0));
      List<TraceEvent> events = s.events("t1");
      assertThat(seqs(events)).isEqualTo(LongStream.rangeClosed(1, 8).boxed().toList());
      for (int i = 0; i < t1Events.size(); i++) assertThat(events.get(i)).isEqualTo(t1Events.get(i).withSeq(i + 1));
      assertThat(s.events("t2")).isEmpty();

      // and it carries on: seqs continue after the migrated ones
      s.setStatus("t1", RunStatus.RUNNING, null, List.of(event("t1", 2, Kind.RUN_RESUMED, null, at(31))));
      s.commit("t1", OWNER, step(3, false), stepEvents("t1", 3));
      assertThat(seqs(s.events("t1"))).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
      assertThat(s.events("t1").get(8).kind()).isEqualTo("run_resumed");
      ThreadInfo now = s.thread("t1").orElseThrow();
      assertThat(now.step()).isEqualTo(3);
      assertThat(now.updated()).isEqualTo(at(3));
      s.claim("t2", OWNER, o -> true);
      s.commit("t2", OWNER, step(1, false), stepEvents("t2", 1));
      assertThat(seqs(s.events("t2"))).containsExactly(1L, 2L, 3L);
    }
    assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.VERSION);
    assertThat(rows(file, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
    assertThat(rows(file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"))
        .containsExactly(List.of("checkpoints_snapshots"));
    try (SqliteStore s = SqliteStore.open(file)) { // reopening migrates nothing again
      assertThat(seqs(s.events("t1"))).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
      assertThat(s.checkpoints("t1", 0, 10)).hasSize(4);
    }
  }

  static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
      ps.executeUpdate();
    }
  }

  /** Every row {@code sql} selects, read through a connection of its own. */
  static List<List<Object>> rows(Path file, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = raw(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Integer k ? Long.valueOf(k) : v);
        }
        rows.add(row);
      }
    }
    return rows;
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
  void statusChangesFromAnotherInstanceDuringCommitsKeepSeqsGapFree() throws Exception {
    Path file = dir.resolve("lam.db");
    started("t1");
    int steps = 120, changes = 60;
    try (SqliteStore a = SqliteStore.open(file); SqliteStore b = SqliteStore.open(file)) {
      CyclicBarrier start = new CyclicBarrier(2);
      Future<?> commits = pool.submit(() -> {
        start.await();
        for (long n = 1; n <= steps; n++) a.commit("t1", OWNER, step(n, n % 40 == 0), stepEvents("t1", n));
        return null;
      });
      Future<?> statuses = pool.submit(() -> {
        start.await();
        for (int i = 0; i < changes; i++) {
          b.setStatus("t1", RunStatus.RUNNING, null, List.of(event("t1", i, Kind.NODE_RETRY, "s" + i, at(i))));
        }
        return null;
      });
      commits.get();
      statuses.get();
    }
    List<TraceEvent> events = store.events("t1");
    assertThat(seqs(events)).isEqualTo(LongStream.rangeClosed(1, 1 + 3L * steps + changes).boxed().toList());
    // each writer's events in the order it wrote them, a step's three together
    assertThat(events.stream().filter(e -> e.kind().equals("node_retry")).map(TraceEvent::node).toList())
        .isEqualTo(java.util.stream.IntStream.range(0, changes).mapToObj(i -> "s" + i).toList());
    List<TraceEvent> stepped = events.stream().filter(e -> !e.kind().equals("node_retry")).skip(1).toList();
    for (int n = 1; n <= steps; n++) {
      List<TraceEvent> three = stepped.subList(3 * (n - 1), 3 * n);
      assertThat(three).extracting(TraceEvent::step).containsOnly((long) n);
      assertThat(three.get(2).seq() - three.get(0).seq()).isEqualTo(2);
    }
    assertThat(store.thread("t1").orElseThrow().step()).isEqualTo(steps);
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
