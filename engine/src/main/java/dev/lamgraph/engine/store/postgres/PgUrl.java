package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.StoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL store URL: {@code postgresql://user[:password]@host[:port]/database[?params]}
 * ({@code postgres://} too). Without a password in the URL, {@code $PGPASSWORD} is used, then the
 * driver's {@code ~/.pgpass} lookup. {@link #display()} never shows the password.
 *
 * <p>Parameters: {@code schema} (tables live in this schema, created if needed; default: the
 * user's search path, normally {@code public}), {@code pool_size} (connections, default 8),
 * {@code connect_timeout} (seconds to wait for a connection, default 5), {@code sslmode}
 * (passed to the driver), {@code synchronous_commit} (the server's setting for this store's
 * sessions; {@code off} trades the last few commits on a server crash, never a process crash, for
 * several times the step rate: the durability of the SQLite store's {@code synchronous=NORMAL}).
 *
 * <pre>{@code
 * PgUrl u = PgUrl.parse("postgresql://lam@127.0.0.1:5432/lam?schema=team_a", Map.of());
 * u.jdbc();     // jdbc:postgresql://127.0.0.1:5432/lam
 * u.display();  // postgresql://lam@127.0.0.1:5432/lam?schema=team_a
 * }</pre>
 */
public record PgUrl(String user, String password, String host, int port, String database, String schema, int poolSize,
    Duration connectTimeout, String sslmode, String synchronousCommit) {
  private static final Set<String> PARAMS = Set.of("schema", "pool_size", "connect_timeout", "sslmode", "synchronous_commit");
  private static final Set<String> SYNC = Set.of("on", "off", "local", "remote_write", "remote_apply");

  /** Parses {@code url}; {@code env} supplies PGPASSWORD. UNAVAILABLE with a one-line reason when malformed. */
  public static PgUrl parse(String url, Map<String, String> env) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw bad("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) throw bad("must start with postgresql://");
    if (u.getRawAuthority() == null) throw bad("needs a host, e.g. postgresql://lam@127.0.0.1:5432/lam");
    String user = System.getProperty("user.name");
    String password = null;
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) password = decode(info.substring(colon + 1));
    }
    if (password == null) password = env.get("PGPASSWORD");
    String host = u.getHost();
    if (host == null || host.isBlank()) throw bad("needs a host, e.g. postgresql://lam@127.0.0.1:5432/lam");
    int port = u.getPort() < 0 ? 5432 : u.getPort();
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    String db = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
    if (db.isBlank()) db = user;
    if (db.contains("/")) throw bad("names one database after the host (postgresql://user@host:port/db), not a path");
    Map<String, String> params = params(u.getRawQuery());
    String schema = params.get("schema");
    if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw bad("has schema '" + schema + "'; a schema name here is lower-case letters, digits and _");
    }
    int pool = intParam(params, "pool_size", 8, 1, 200);
    int timeout = intParam(params, "connect_timeout", 5, 1, 3600);
    String sync = params.get("synchronous_commit");
    if (sync != null && !SYNC.contains(sync)) {
      throw bad("has synchronous_commit=" + sync + "; use one of: on, off, local, remote_write, remote_apply");
    }
    return new PgUrl(user, password, host, port, db, schema, pool, Duration.ofSeconds(timeout), params.get("sslmode"), sync);
  }

  /** The JDBC URL (no credentials: those go as properties). */
  public String jdbc() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /** The URL without the password, for messages. */
  public String display() {
    return "postgresql://" + user + "@" + server() + "/" + database + (schema == null ? "" : "?schema=" + schema);
  }

  /** {@code host:port}. */
  public String server() {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return m;
    for (String kv : rawQuery.split("&")) {
      int eq = kv.indexOf('=');
      String k = decode(eq < 0 ? kv : kv.substring(0, eq));
      if (!PARAMS.contains(k)) {
        throw bad("has unknown parameter '" + k + "'; known: connect_timeout, pool_size, schema, sslmode,"
            + " synchronous_commit");
      }
      m.put(k, eq < 0 ? "" : decode(kv.substring(eq + 1)));
    }
    return m;
  }

  private static int intParam(Map<String, String> params, String name, int dflt, int min, int max) {
    String v = params.get(name);
    if (v == null) return dflt;
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) return i;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw bad("has " + name + "=" + v + "; use a whole number from " + min + " to " + max);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The message never repeats the URL: it may hold a password. */
  private static StoreException bad(String why) {
    return new StoreException(StoreException.Reason.UNAVAILABLE, "the PostgreSQL store URL " + why);
  }
}
