package dev.lamgraph.engine.store;

import dev.lamgraph.engine.util.Redactor;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a {@link CheckpointStore} from a URL: {@code sqlite:PATH}, a bare file path (SQLite),
 * {@code memory:} or {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME]} (see {@link PgUrl}).
 *
 * <pre>{@code
 * String url = Stores.defaultUrl(Path.of(""), env);       // $LAM_STORE, else sqlite:.lam/lam.db
 * try (CheckpointStore store = Stores.open(url, env, secrets)) {
 *   store.threads().forEach(t -> System.out.println(t.id() + " " + t.status().id()));
 * }
 * }</pre>
 */
public final class Stores {
  /** The environment variable naming the store URL. */
  public static final String ENV = "LAM_STORE";

  /** The URL forms {@link #open} accepts, for messages. */
  public static final String SUPPORTED = "sqlite:PATH, a file path (SQLite), memory:, postgresql://USER@HOST:PORT/DB";

  /** Two or more characters before the colon, so a Windows drive ("C:\...") stays a path. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):(.*)", Pattern.DOTALL);

  private Stores() {}

  /**
   * Opens the store a URL names; UNAVAILABLE for an empty URL or an unknown scheme (the message
   * lists the supported ones and never repeats the rest of the URL, which may hold a password).
   * {@code env} gives the store key ({@link StoreKeys}) and PGPASSWORD; the store seals
   * secret-bearing values ({@link SealedStore}) for the secrets {@code secrets} knows, and registers
   * with it the secrets of the sealed values it opens (so output that shows them masks them).
   */
  public static CheckpointStore open(String url, Map<String, String> env, Redactor secrets) {
    return sealed(openRaw(url, env), env, secrets);
  }

  private static CheckpointStore sealed(CheckpointStore raw, Map<String, String> env, Redactor secrets) {
    try {
      return SealedStore.wrap(raw, secrets, env);
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** {@link #open(String, Map, Redactor)} with a redactor of its own (tools that only read or list). */
  public static CheckpointStore open(String url, Map<String, String> env) {
    return open(url, env, new Redactor());
  }

  private static CheckpointStore openRaw(String url, Map<String, String> env) {
    if (url == null || url.isBlank()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "empty store URL; use one of: " + SUPPORTED);
    }
    Matcher m = SCHEME.matcher(url);
    if (!m.matches()) {
      return sqlite(url);
    }
    String scheme = m.group(1).toLowerCase();
    String rest = m.group(2);
    switch (scheme) {
      case "sqlite":
        if (rest.isBlank()) {
          throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL 'sqlite:' needs a file path,"
              + " e.g. sqlite:.lam/lam.db");
        }
        return sqlite(rest);
      case "memory":
        if (!rest.isEmpty()) {
          throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL 'memory:' takes nothing after the colon");
        }
        return new MemoryStore();
      case "postgresql":
      case "postgres":
        return PostgresStore.open(url, env);
      default:
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "unsupported store scheme '" + scheme + ":'"
            + "; supported: " + SUPPORTED);
    }
  }

  /**
   * Opens the store a URL names for reading only (inspection): a SQLite file read-only (see
   * {@link SqliteStore#openReadOnly}), so it works on read-only media; other stores as {@link
   * #open(String, Map, Redactor)}. Either way sealed values are opened with the keys {@code env}
   * gives, and their secrets registered with {@code secrets}.
   */
  public static CheckpointStore openForReading(String url, Map<String, String> env, Redactor secrets) {
    if (url != null && !url.isBlank()) {
      Matcher m = SCHEME.matcher(url);
      String path = !m.matches() ? url : m.group(1).equalsIgnoreCase("sqlite") && !m.group(2).isBlank() ? m.group(2) : null;
      if (path != null) return sealed(sqlite(path, true), env, secrets);
    }
    return open(url, env, secrets);
  }

  private static CheckpointStore sqlite(String path) {
    return sqlite(path, false);
  }

  private static CheckpointStore sqlite(String path, boolean readOnly) {
    try {
      return readOnly ? SqliteStore.openReadOnly(Path.of(path)) : SqliteStore.open(Path.of(path));
    } catch (InvalidPathException e) {
      throw new StoreException(StoreException.Reason.IO, "invalid store path '" + path + "': " + e.getReason(), e);
    }
  }

  /** The store URL to use from {@code workingDir}: {@code $LAM_STORE} of {@code env}, else {@code sqlite:<workingDir>/.lam/lam.db}. */
  public static String defaultUrl(Path workingDir, Map<String, String> env) {
    String url = env.get(ENV);
    if (url != null && !url.isBlank()) {
      return url.strip();
    }
    return "sqlite:" + workingDir.resolve(".lam").resolve("lam.db");
  }
}
