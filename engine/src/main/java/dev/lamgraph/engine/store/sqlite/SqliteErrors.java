package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
          + file + " while " + doing + ": " + why + "; " + filesHint(file), e);
      case CONSTRAINT -> new StoreException(StoreException.Reason.CONFLICT, "the store " + file
          + " rejected a change while " + doing + ": " + why, e);
      default -> new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + file + " failed while " + doing
          + ": " + why, e);
    };
  }

  /**
   * What to do about the files beside the store, which SQLite needs as much as the store itself:
   * {@code FILE-wal} (committed steps not yet copied into the file) and {@code FILE-shm} (its
   * index). A leftover one that this user cannot write (left by a lam command run as another user),
   * one that is not a file, or a directory where they cannot be created each get their own advice.
   */
  static String filesHint(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path wal = sibling(file, "-wal"), shm = sibling(file, "-shm");
    for (Path p : new Path[] {wal, shm}) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return p + " is not a regular file, but SQLite keeps the store's " + (p == wal ? "write-ahead log" : "WAL index")
            + " there: move it aside (mv " + p + " " + p + ".bad) and run again";
      }
    }
    if (dir != null && !Files.isWritable(dir)) {
      if (Files.isRegularFile(wal) && !Files.exists(shm)) {
        return wal + " holds committed steps not yet copied into the store, and reading them needs " + shm + ", which"
            + " cannot be created in the read-only directory " + dir + ": copy " + file.getFileName() + " and "
            + wal.getFileName() + " to a writable directory and use the copy (--store COPY)";
      }
      return "the directory " + dir + " is read-only, and a store that is written needs it writable (SQLite keeps "
          + wal.getFileName() + " and " + shm.getFileName() + " there); lam runs/state/history/trace can still read it,"
          + " or copy the store to a writable directory";
    }
    for (Path p : new Path[] {wal, shm}) {
      if (!Files.isRegularFile(p) || Files.isReadable(p) && Files.isWritable(p)) continue;
      String owner = owner(p);
      if (owner.equals(System.getProperty("user.name"))) {
        return p + " cannot be " + (Files.isReadable(p) ? "written" : "read") + " (its permissions, or a read-only or"
            + " immutable file): SQLite must write it to use the store; fix it (chmod u+rw " + p + "), or copy the"
            + " store with its -wal file to a writable directory and use the copy";
      }
      return p + " is left over from a lam command run by " + owner + " and this user cannot "
          + (Files.isReadable(p) ? "write" : "read") + " it: run any lam command on the store as " + owner
          + " once (e.g. lam runs --store " + file + "), which copies the WAL into the store and removes it, or"
          + " give both files to this user (chown $USER " + wal + " " + shm + "). Do not delete " + wal + ": it may hold"
          + " committed steps not yet in " + file.getFileName();
    }
    if (Files.isRegularFile(file) && !Files.isWritable(file)) {
      return file + " is read-only: lam runs/state/history/trace can read it; to run, make it writable or use a copy";
    }
    return "check the file and its directory are writable and the disk has space";
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private static String owner(Path p) {
    try {
      return Files.getOwner(p).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "another user";
    }
  }

  static StoreException corrupt(Path file, String why, Throwable cause) {
    Path wal = sibling(file, "-wal");
    // a -wal file of another copy of the store (one restored or copied without its own) is applied
    // to the file as if it belonged to it: set it aside before giving up on the store
    String stale = !Files.isRegularFile(wal) ? "" : "; if the store was restored or copied without its -wal file, "
        + wal.getFileName() + " may be stale: first move it and " + sibling(file, "-shm").getFileName() + " aside (mv "
        + wal + " " + wal + ".stale; mv " + sibling(file, "-shm") + " " + sibling(file, "-shm") + ".stale) and try"
        + " again; otherwise";
    return new StoreException(StoreException.Reason.CORRUPT, file + " is not a lamgraph store or is damaged (" + why
        + ")" + (stale.isEmpty() ? ";" : stale) + " move it aside (e.g. mv " + file + " " + file + ".bad) and run again"
        + " to start a new store", cause);
  }
}
