package dev.lamgraph.engine.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Turns SQLite failures into {@link StoreException}s that name the file and say what to do. */
final class SqliteErrors {
  private static final int PERM = 3, BUSY = 5, LOCKED = 6, READONLY = 8, IOERR = 10, CORRUPT = 11, FULL = 13,
      CANTOPEN = 14, CONSTRAINT = 19, NOTADB = 26;

  private SqliteErrors() {}

  /**
   * @param doing what the store was doing, for the message (e.g. "committing step 3 of thread 't1'")
   */
  static StoreException map(SQLException e, Path file, Duration busyTimeout, String doing) {
    String why = e.getMessage();
    // sqlite-jdbc reports the primary result code; mask in case an extended one comes through
    return switch (e.getErrorCode() & 0xff) {
      case BUSY, LOCKED -> new StoreException(StoreException.Reason.LOCKED, "the store " + file
          + " stayed locked by another writer for more than " + busyTimeout.toMillis() + " ms while " + doing
          + "; another lam command is probably using it: try again when it has finished", e);
      case CORRUPT, NOTADB -> corrupt(file, why, e);
      case PERM, READONLY, IOERR, FULL, CANTOPEN -> new StoreException(StoreException.Reason.IO, "cannot use the store "
          + file + " while " + doing + ": " + why + "; check the file and its directory are writable and the disk has space", e);
      case CONSTRAINT -> new StoreException(StoreException.Reason.CONFLICT, "the store " + file
          + " rejected a change while " + doing + ": " + why, e);
      default -> new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + file + " failed while " + doing
          + ": " + why, e);
    };
  }

  static StoreException corrupt(Path file, String why, Throwable cause) {
    return new StoreException(StoreException.Reason.CORRUPT, file + " is not a lamgraph store or is damaged (" + why
        + "); move it aside (e.g. mv " + file + " " + file + ".bad) and run again to start a new store", cause);
  }
}
