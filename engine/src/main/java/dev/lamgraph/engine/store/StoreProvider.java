package dev.lamgraph.engine.store;

import java.util.Map;
import java.util.Set;

/**
 * A kind of {@link CheckpointStore}, found by its URL scheme: {@link Stores#open} picks the provider
 * whose {@link #schemes()} hold the URL's scheme. Providers are found with {@link
 * java.util.ServiceLoader}: list an implementation in {@code
 * META-INF/services/dev.lamgraph.engine.store.StoreProvider}. The engine's own (SQLite, memory,
 * PostgreSQL) are found the same way; the first provider of a scheme wins.
 *
 * <pre>{@code
 * public final class RedisStores implements StoreProvider {
 *   public Set<String> schemes() { return Set.of("redis"); }
 *   public String usage() { return "redis://HOST:PORT"; }
 *   public CheckpointStore open(String url, Map<String, String> env) {
 *     return new RedisStore(url, env.get("REDIS_PASSWORD"));
 *   }
 * }
 * }</pre>
 *
 * <p>A provider returns the store as it is: {@link Stores#open} composes it with {@link
 * SealedStore}, so values holding a secret reach it encrypted. A store shared by workers also
 * implements {@link RunQueue}.
 */
public interface StoreProvider {
  /** The URL schemes this provider opens: lower case, without the colon (e.g. {@code "sqlite"}). */
  Set<String> schemes();

  /** The URL form(s) it takes, for messages and help (e.g. {@code "sqlite:PATH"}). */
  String usage();

  /**
   * Opens the store {@code url} names (its scheme, in any case, is one of {@link #schemes()});
   * {@code env} is the environment to read credentials from (never the process's directly).
   * Failures are {@link StoreException}s with a one-line message that never repeats a password.
   */
  CheckpointStore open(String url, Map<String, String> env);

  /**
   * Opens the store for reading only (inspection commands), or returns null when this kind of
   * store has no such mode: {@link Stores#openForReading} then opens it as {@link Stores#open} does.
   */
  default CheckpointStore openForReading(String url, Map<String, String> env) {
    return null;
  }
}
