package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.sql.Migrations;
import dev.lamgraph.engine.store.sql.SqlItems;
import dev.lamgraph.engine.store.sql.SqlJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The SQLite store's tables, its connection settings and its {@link Migrations}, versioned with
 * {@code PRAGMA user_version} and run under SQLite's write lock ({@code BEGIN IMMEDIATE}).
 *
 * <p>Times are stored as fixed-width UTC ISO-8601 text with nine fraction digits
 * ({@code 2025-01-02T03:04:05.123456789Z}), so they round-trip exactly and sort as text.
 * JSON values are stored verbatim as TEXT.
 *
 * <p>Since schema 2 a step commit inserts one {@code checkpoints} row and writes nothing else:
 * <ul>
 *   <li>the row holds the step's events as a JSON array, with seqs {@code first_seq..last_seq};
 *       the {@code events} table holds only the events written outside commits (create, status
 *       changes). A thread's events are both, merged in seq order; its next seq follows the larger
 *       of its latest checkpoint's {@code last_seq} and its last seq in {@code events}.
 *   <li>a thread's step is its latest checkpoint's step. The thread row's {@code updated} is the
 *       time of its last change (create, status) and {@code updated_step} the step it was at then:
 *       when the latest checkpoint is a later step, the thread's updated time is that checkpoint's
 *       time instead.
 * </ul>
 */
final class SqliteSchema {
  /** {@code PRAGMA application_id} of a lamgraph store: "LAMG". */
  static final int APPLICATION_ID = 0x4C414D47;
  private static final int SQLITE_BUSY = 5;

  /**
   * WAL pages after which a commit copies the WAL back into the database (SQLite's default is
   * 1000). With {@code synchronous=NORMAL} these checkpoints are the only fsyncs: each costs two
   * (the WAL, then the database) plus the flushing of what was written, so a larger interval pays
   * the fixed part less often. The WAL file grows to about 16 MiB and stays that size; recovery
   * after a crash reads it. A commit survives a process crash at any interval; what an OS crash
   * or power loss may take back is at most the commits since the last checkpoint, so up to this
   * many pages (see {@link #prepare}).
   */
  static final int WAL_AUTOCHECKPOINT_PAGES = 4096;

  static final Migrations MIGRATIONS = new Migrations(List.of(
      // 1: threads, checkpoints, events
      List.of(
          // The columns a commit changes come first: an update that keeps the row's size then
          // rewrites only the page holding them, not the overflow pages of a long source.
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
          // WITHOUT ROWID: one b-tree keyed by (thread, step), so a commit writes one page, not a
          // table page plus an index page. Long JSON spills into overflow pages as usual.
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
          "PRAGMA application_id = " + APPLICATION_ID),
      // 2: a step commit writes one row. Its events move into its checkpoint row (the events table
      // keeps those written outside commits: create, setStatus), and the thread row is no longer
      // updated per step: a thread's step is its latest checkpoint's, and its updated time is that
      // checkpoint's time when the checkpoint is newer than the thread row's last change.
      List.of(
          // Rebuilt rather than altered, so the small columns a commit's checks read come before
          // the long JSON (which may spill into overflow pages). Rows from schema 1 keep their
          // events in the events table: they get the empty range first_seq 1, last_seq 0.
          """
          CREATE TABLE checkpoints_v2 (
            thread    TEXT NOT NULL,
            step      INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,  -- the step's events have seqs first_seq..last_seq
            last_seq  INTEGER NOT NULL,  -- (first_seq = last_seq + 1 when it has none)
            time      TEXT NOT NULL,
            events    TEXT,              -- JSON array of the step's events, null when none
            ran       TEXT,              -- JSON array of node names
            next      TEXT,              -- JSON array of node names
            writes    TEXT,              -- JSON
            snapshot  TEXT,              -- JSON, null when no snapshot was taken
            PRIMARY KEY (thread, step)
          ) WITHOUT ROWID""",
          """
          INSERT INTO checkpoints_v2 (thread, step, first_seq, last_seq, time, events, ran, next, writes, snapshot)
          SELECT thread, step, 1, 0, time, NULL, ran, next, writes, snapshot FROM checkpoints""",
          "DROP TABLE checkpoints", // and its index
          "ALTER TABLE checkpoints_v2 RENAME TO checkpoints",
          "CREATE INDEX checkpoints_snapshots ON checkpoints (thread, step) WHERE snapshot IS NOT NULL",
          // The thread row's step now only says which step its updated time was set at.
          "ALTER TABLE threads RENAME COLUMN step TO updated_step",
          "ALTER TABLE threads DROP COLUMN last_seq"),
      // 3: a checksum per checkpoint row (see RowChecksum), checked whenever the row is read.
      // Rows of earlier schemas keep a null checksum and are read unchecked.
      List.of("ALTER TABLE checkpoints ADD COLUMN checksum INTEGER"),
      // 4: the journal of completed tool calls and model answers (see SqlJournal)
      List.of(SqlJournal.ddl("journal", "INTEGER", " WITHOUT ROWID")),
      // 5: clients' labels of thread ids (lam serve's thread metadata), apart from the threads
      List.of("CREATE TABLE labels (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID"),
      // 6: long-term items by namespace and key (lam serve's /store API, see SqlItems)
      List.of(SqlItems.ddl("store_items", "INTEGER", "TEXT", " WITHOUT ROWID")),
      // 7: scheduled runs (lam serve's crons, see SqlCrons)
      List.of(dev.lamgraph.engine.store.sql.SqlCrons.ddl("crons", "INTEGER", " WITHOUT ROWID"))));

  /** The schema version this build writes and reads. */
  static final int VERSION = MIGRATIONS.version();

  private SqliteSchema() {}

  /**
   * Checks the file is a lamgraph store this build can read, sets the connection up (WAL,
   * {@code synchronous=NORMAL}) and migrates it to {@link #VERSION}.
   *
   * <p>{@code synchronous=NORMAL} in WAL mode: a commit survives a crash or {@code kill -9} of the
   * process (it is in the WAL file, in the OS's cache, when {@code commit} returns); an OS crash or
   * power loss may lose the commits since the last checkpoint (at most
   * {@link #WAL_AUTOCHECKPOINT_PAGES} pages), never the file's consistency.
   */
  static void prepare(Connection c, Path file, Duration busyTimeout) throws SQLException {
    try (Statement s = c.createStatement()) {
      int version = check(s, file); // reads the header first: NOTADB shows up here, before anything is written
      enableWal(s, busyTimeout);
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
      MIGRATIONS.migrate(version, new Migrations.Target() {
        @Override
        public void begin() throws SQLException {
          s.execute("BEGIN IMMEDIATE");
        }

        @Override
        public int lockedVersion() throws SQLException {
          return check(s, file); // again inside the lock: another process may have migrated
        }

        @Override
        public void execute(String sql) throws SQLException {
          s.execute(sql);
        }

        @Override
        public void recorded(int v) throws SQLException {
          s.execute("PRAGMA user_version = " + v);
        }

        @Override
        public void commit() throws SQLException {
          s.execute("COMMIT");
        }

        @Override
        public void rollback() {
          rollbackQuietly(s);
        }

        @Override
        public StoreException newer(int v) {
          return SqliteSchema.newer(file, v);
        }
      });
    }
  }

  /**
   * Switches the file to WAL (a lasting setting of the file). The switch needs an exclusive lock
   * and SQLite answers BUSY at once, without waiting, when another connection holds the file (as
   * when several processes open a new store together), so this waits here, up to the busy timeout.
   */
  private static void enableWal(Statement s, Duration busyTimeout) throws SQLException {
    long deadline = System.nanoTime() + busyTimeout.toNanos();
    while (true) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        if (rs.next() && "wal".equalsIgnoreCase(rs.getString(1))) return;
      }
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        rs.next();
        return;
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() > deadline) throw e;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "interrupted while opening the store", e);
      }
    }
  }

  /**
   * For a read-only connection: checks the file is a lamgraph store this build can read and returns
   * its schema version (when older than {@link #VERSION}, the caller migrates it with write access).
   */
  static int checkReadOnly(Connection c, Path file) throws SQLException {
    try (Statement s = c.createStatement()) {
      return check(s, file);
    }
  }

  /** Returns the file's schema version after checking it is ours and not newer than this build. */
  private static int check(Statement s, Path file) throws SQLException {
    int version, app;
    boolean empty;
    // one statement, so one consistent view while another process may be migrating the file
    try (ResultSet rs = s.executeQuery("SELECT (SELECT user_version FROM pragma_user_version),"
        + " (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_schema)")) {
      rs.next();
      version = rs.getInt(1);
      app = rs.getInt(2);
      empty = rs.getLong(3) == 0;
    }
    if (app != 0 && app != APPLICATION_ID) {
      throw foreign(file, app);
    }
    if (version > VERSION) throw newer(file, version);
    if (app == 0 && !(version == 0 && empty)) {
      throw foreign(file, app); // every lamgraph schema sets application_id
    }
    return version;
  }

  private static void rollbackQuietly(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back; the original failure is what matters
    }
  }

  private static StoreException newer(Path file, int version) {
    return new StoreException(StoreException.Reason.NEWER_SCHEMA, file + " was created by a newer lamgraph (schema "
        + version + ", this build knows " + VERSION + "); upgrade lamgraph, or use another store file");
  }

  private static StoreException foreign(Path file, int app) {
    return new StoreException(StoreException.Reason.UNAVAILABLE, file + " is a SQLite database of another application"
        + " (application_id " + app + "), not a lamgraph store; point LAM_STORE elsewhere or move the file aside");
  }
}
