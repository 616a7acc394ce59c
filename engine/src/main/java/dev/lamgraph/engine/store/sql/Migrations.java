package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.StoreException;
import java.sql.SQLException;
import java.util.List;

/**
 * A SQL store's versioned schema: migration {@code i} (0-based) takes a schema from version
 * {@code i} to {@code i + 1}; shipped migrations are never edited, only appended to. {@link
 * #migrate} is the loop both SQL stores run when they open: nothing to do when the schema is
 * current, else one transaction under the store's lock that re-reads the version (another process
 * may have migrated meanwhile) and applies what is missing, recording each version.
 *
 * <pre>{@code
 * static final Migrations MIGRATIONS = new Migrations(List.of(
 *     List.of("CREATE TABLE threads (...)", "CREATE TABLE checkpoints (...)"), // 1
 *     List.of("ALTER TABLE checkpoints ADD COLUMN checksum INTEGER")));        // 2
 * MIGRATIONS.migrate(versionReadWithoutLock, target);
 * }</pre>
 */
public final class Migrations {
  /** One database's side of {@link #migrate}. */
  public interface Target {
    /** Starts the migration transaction and takes the lock that keeps other processes from migrating too. */
    void begin() throws SQLException;

    /** The schema's version, read under the lock (0 for none); fails when this build cannot use the schema. */
    int lockedVersion() throws SQLException;

    /** Runs one statement of a migration. */
    void execute(String sql) throws SQLException;

    /** Records that the schema is now at {@code version} (inside the transaction). */
    void recorded(int version) throws SQLException;

    void commit() throws SQLException;

    /** Rolls the transaction back, quietly: the failure that led here is the one reported. */
    void rollback();

    /** NEWER_SCHEMA for a schema at {@code version}, which is ahead of this build. */
    StoreException newer(int version);
  }

  private final List<List<String>> steps;

  public Migrations(List<List<String>> steps) {
    this.steps = List.copyOf(steps.stream().map(List::copyOf).toList());
  }

  /** The schema version this build writes and reads. */
  public int version() {
    return steps.size();
  }

  /**
   * Brings the schema to {@link #version()}. {@code current} is its version as read without a
   * lock (null when it has none yet): when current, nothing runs; when newer, NEWER_SCHEMA.
   */
  public void migrate(Integer current, Target target) throws SQLException {
    if (current != null && current == version()) return; // the common case: no lock, no DDL
    if (current != null && current > version()) throw target.newer(current);
    target.begin();
    boolean done = false;
    try {
      int v = target.lockedVersion();
      if (v > version()) throw target.newer(v);
      for (; v < version(); v++) {
        for (String sql : steps.get(v)) target.execute(sql);
        target.recorded(v + 1);
      }
      target.commit();
      done = true;
    } finally {
      if (!done) target.rollback();
    }
  }
}
