package dev.lamgraph.engine.store;

import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a {@link CheckpointStore} from a URL, with the {@link StoreProvider} of its scheme:
 * {@code sqlite:PATH}, a bare file path (SQLite), {@code memory:},
 * {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME]}, or a plugin's scheme.
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

  /** The scheme of a URL without one: a bare path is a SQLite file. */
  public static final String PATH_SCHEME = "sqlite";

  /** Two or more characters before the colon, so a Windows drive ("C:\...") stays a path. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):(.*)", Pattern.DOTALL);

  private static volatile Map<String, StoreProvider> defaults;

  private Stores() {}

  /**
   * Opens the store a URL names; UNAVAILABLE for an empty URL or an unknown scheme (the message
   * lists the supported ones and never repeats the rest of the URL, which may hold a password).
   * {@code env} gives the store key ({@link StoreKeys}) and the provider's credentials (PGPASSWORD);
   * the store seals secret-bearing values ({@link SealedStore}) for the secrets {@code secrets}
   * knows, and registers with it the secrets of the sealed values it opens (so output that shows
   * them masks them).
   */
  public static CheckpointStore open(String url, Map<String, String> env, Redactor secrets) {
    Located at = locate(url);
    return sealed(at.provider().open(at.url(), env), env, secrets);
  }

  /** {@link #open(String, Map, Redactor)} with a redactor of its own (tools that only read or list). */
  public static CheckpointStore open(String url, Map<String, String> env) {
    return open(url, env, new Redactor());
  }

  /**
   * Opens the store a URL names for reading only (inspection), when its provider can (a SQLite
   * file opens read-only, so it works on read-only media); other stores as {@link
   * #open(String, Map, Redactor)}. Sealed values come back opened, as from {@link #open} (reading
   * needs no new key file), their secrets registered with {@code secrets}.
   */
  public static CheckpointStore openForReading(String url, Map<String, String> env, Redactor secrets) {
    Located at = locate(url);
    CheckpointStore readOnly = at.provider().openForReading(at.url(), env);
    return sealed(readOnly != null ? readOnly : at.provider().open(at.url(), env), env, secrets);
  }

  /** The providers on the class path, in the order found; one per scheme (the first). */
  public static List<StoreProvider> providers() {
    return byScheme().values().stream().distinct().toList();
  }

  /** The URL forms {@link #open} accepts, for messages: every provider's {@link StoreProvider#usage()}. */
  public static String supported() {
    List<String> forms = new ArrayList<>();
    for (StoreProvider p : providers()) forms.add(p.usage());
    return String.join(", ", forms);
  }

  private record Located(StoreProvider provider, String url) {}

  private static Located locate(String url) {
    if (url == null || url.isBlank()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "empty store URL; use one of: " + supported());
    }
    Matcher m = SCHEME.matcher(url);
    String scheme = m.matches() ? m.group(1).toLowerCase() : PATH_SCHEME;
    StoreProvider p = byScheme().get(scheme);
    if (p == null) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "unsupported store scheme '" + scheme + ":'"
          + "; supported: " + supported());
    }
    return new Located(p, m.matches() ? url : PATH_SCHEME + ":" + url);
  }

  private static CheckpointStore sealed(CheckpointStore raw, Map<String, String> env, Redactor secrets) {
    try {
      return SealedStore.wrap(raw, secrets, env);
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static Map<String, StoreProvider> byScheme() {
    Map<String, StoreProvider> d = defaults;
    if (d == null) {
      Map<String, StoreProvider> m = new LinkedHashMap<>();
      for (StoreProvider p : ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader())) {
        for (String s : p.schemes()) m.putIfAbsent(s.toLowerCase(), p);
      }
      defaults = d = Collections.unmodifiableMap(m);
    }
    return d;
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
