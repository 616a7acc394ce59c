package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.sql.Migrations;
import dev.lamgraph.engine.store.sql.SqlItems;
import dev.lamgraph.engine.store.sql.SqlJournal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL store's tables and their versioned {@link Migrations}: each version gets its row
 * in {@code lam_schema_version}, in one transaction under an advisory lock, so workers starting
 * together migrate once.
 *
 * <p>Times of threads, checkpoints and events are fixed-width UTC ISO-8601 text with nine
 * fraction digits (exact to the nanosecond, sortable as text, like the SQLite store); leases use
 * the server's clock ({@code timestamptz}), so workers on different machines agree on expiry.
 * JSON is stored verbatim as text.
 */
final class PgSchema {
  /** First key of the migration advisory lock: "LAMG". */
  private static final int LOCK_KEY = 0x4C414D47;

  static final Migrations MIGRATIONS = new Migrations(List.of(
      // 1: threads (with the worker queue's columns), checkpoints, events
      List.of(
          """
          CREATE TABLE lam_threads (
            id          text PRIMARY KEY,
            step        bigint NOT NULL,
            last_seq    bigint NOT NULL,        -- seq of the thread's last event
            updated     text NOT NULL,
            owner       text,                   -- pid@host of `lam run`, or a worker's name
            status      text NOT NULL,
            detail      text,
            created     text NOT NULL,
            workflow    text,
            file        text,
            input       text,
            source      text,
            queued      boolean NOT NULL DEFAULT false,  -- submitted: workers run it
            submitted   timestamptz,
            lease_until timestamptz             -- a worker's lease; expired = the worker is gone
          )""",
          "CREATE INDEX lam_threads_queue ON lam_threads (submitted, id) WHERE queued AND status = 'running'",
          "CREATE INDEX lam_threads_owner ON lam_threads (owner) WHERE owner IS NOT NULL",
          """
          CREATE TABLE lam_checkpoints (
            thread   text NOT NULL,
            step     bigint NOT NULL,
            time     text NOT NULL,
            ran      text,             -- JSON array of node names
            next     text,             -- JSON array of node names
            writes   text,             -- JSON
            snapshot text,             -- JSON, null when no snapshot was taken
            PRIMARY KEY (thread, step)
          )""",
          "CREATE INDEX lam_checkpoints_snapshots ON lam_checkpoints (thread, step) WHERE snapshot IS NOT NULL",
          """
          CREATE TABLE lam_events (
            thread text NOT NULL,
            seq    bigint NOT NULL,
            step   bigint NOT NULL,
            kind   text NOT NULL,
            node   text,
            time   text NOT NULL,
            data   text NOT NULL,      -- JSON object
            PRIMARY KEY (thread, seq)
          )"""),
      // 2: a checksum per checkpoint row (see RowChecksum), checked whenever the row is read.
      // Rows of schema 1 keep a null checksum and are read unchecked.
      List.of("ALTER TABLE lam_checkpoints ADD COLUMN checksum bigint"),
      // 3: the journal of completed tool calls and model answers (see SqlJournal)
      List.of(SqlJournal.ddl("lam_journal", "bigint", "")),
      // 4: clients' labels of thread ids (lam serve's thread metadata), apart from the threads
      List.of("CREATE TABLE lam_labels (id text PRIMARY KEY, json text NOT NULL)"),
      // 5: long-term items by namespace and key (lam serve's /store API, see SqlItems), in byte order
      List.of(SqlItems.ddl("lam_store_items", "bigint", "text COLLATE \"C\"", "")),
      // 6: scheduled runs (lam serve's crons, see SqlCrons), claimed slot by slot
      List.of(dev.lamgraph.engine.store.sql.SqlCrons.ddl("lam_crons", "bigint", ""))));

  /** The schema version this build writes and reads. */
  static final int VERSION = MIGRATIONS.version();

  private PgSchema() {}

  /** Creates or migrates the tables to {@link #VERSION}; NEWER_SCHEMA when the database is ahead of this build. */
  static void prepare(Connection c, PgUrl url) throws SQLException {
    try (Statement s = c.createStatement()) {
      MIGRATIONS.migrate(versionOrNull(s), new Migrations.Target() {
        @Override
        public void begin() throws SQLException {
          c.setAutoCommit(false);
          s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ", hashtext(coalesce("
              + (url.schema() == null ? "current_schema()" : "'" + url.schema() + "'") + ", '')))");
          if (url.schema() != null) s.execute("CREATE SCHEMA IF NOT EXISTS " + url.schema());
          s.execute("CREATE TABLE IF NOT EXISTS lam_schema_version (version integer PRIMARY KEY,"
              + " applied timestamptz NOT NULL DEFAULT now())");
        }

        @Override
        public int lockedVersion() throws SQLException {
          try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM lam_schema_version")) {
            rs.next();
            return rs.getInt(1);
          }
        }

        @Override
        public void execute(String sql) throws SQLException {
          s.execute(sql);
        }

        @Override
        public void recorded(int version) throws SQLException {
          s.execute("INSERT INTO lam_schema_version (version) VALUES (" + version + ")");
        }

        @Override
        public void commit() throws SQLException {
          c.commit();
        }

        @Override
        public void rollback() {
          try {
            c.rollback();
          } catch (SQLException ignored) {
            // the connection may be gone; the failure that led here is reported
          }
        }

        @Override
        public StoreException newer(int version) {
          return PgSchema.newer(url, version);
        }
      });
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The schema's version, or null when the version table is missing (a new database or schema). */
  private static Integer versionOrNull(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT to_regclass('lam_schema_version') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) return null;
    }
    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM lam_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static StoreException newer(PgUrl url, int version) {
    return new StoreException(StoreException.Reason.NEWER_SCHEMA, url.display() + " was migrated by a newer lamgraph"
        + " (schema " + version + ", this build knows " + VERSION + "); upgrade lamgraph, or use another database or"
        + " ?schema=");
  }
}
