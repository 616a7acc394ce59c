package dev.lamgraph.engine.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks, started from the machine's binaries on
 * 127.0.0.1 and a free port, in a temporary directory, by the test run itself; stopped (and its
 * directory deleted) when the JVM exits. As root, the server runs as user {@code postgres}
 * ({@code initdb} refuses root). Binaries: {@code $LAM_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/N/bin}, else the directory of {@code pg_ctl} on the PATH; install them
 * with {@code apt-get install -y postgresql}.
 *
 * <p>Logins: user {@code postgres} is trusted; user {@link #SECRET_USER} needs password
 * {@link #SECRET_PASSWORD} (scram-sha-256), for wrong-password tests.
 *
 * <pre>{@code
 * PgServer pg = PgServer.shared();
 * String url = pg.url(pg.newSchema());   // postgresql://postgres@127.0.0.1:PORT/postgres?schema=t3
 * }</pre>
 */
public final class PgServer {
  public static final String SECRET_USER = "lam_secret";
  public static final String SECRET_PASSWORD = "right-password";

  private static PgServer shared;
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private final Path bin;
  private final Path base;
  private final int port;
  private final boolean root;
  private final boolean durable;
  private final String extraOptions;

  private PgServer(Path bin, Path base, int port, boolean durable, String extraOptions) {
    this.bin = bin;
    this.base = base;
    this.port = port;
    this.durable = durable;
    this.extraOptions = extraOptions;
    this.root = "root".equals(System.getProperty("user.name"));
  }

  /** The server of this JVM (started on first use, with fsync off: tests need no crash safety). */
  public static synchronized PgServer shared() {
    if (shared == null) shared = start(false);
    return shared;
  }

  /** A new server of its own; {@code durable} keeps PostgreSQL's default fsync (for benchmarks). */
  public static PgServer start(boolean durable) {
    return start(durable, "");
  }

  /**
   * A new server of its own with extra {@code postgres} command-line options, e.g.
   * {@code "-c shared_preload_libraries=pg_stat_statements -c track_wal_io_timing=on"}.
   */
  public static PgServer start(boolean durable, String extraOptions) {
    try {
      Path base = Files.createTempDirectory("lam-pg-");
      PgServer s = new PgServer(findBin(), base, freePort(), durable, extraOptions);
      Runtime.getRuntime().addShutdownHook(new Thread(s::destroy, "lam-pg-stop"));
      s.init();
      s.startServer();
      s.psql("CREATE ROLE " + SECRET_USER + " LOGIN PASSWORD '" + SECRET_PASSWORD + "'");
      s.psql("GRANT CREATE ON DATABASE postgres TO " + SECRET_USER);
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a PostgreSQL server for the tests: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code postgresql://USER[:PASSWORD]@127.0.0.1:PORT/DB}; null password = none in the URL. */
  public String url(String user, String password, String db) {
    return "postgresql://" + user + (password == null ? "" : ":" + password) + "@127.0.0.1:" + port + "/" + db;
  }

  /** {@code postgresql://postgres@127.0.0.1:PORT/postgres}, with {@code ?schema=} when given. */
  public String url(String schema) {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres" + (schema == null ? "" : "?schema=" + schema);
  }

  /** A schema name not used before in this JVM (the store creates it): one per test keeps tests apart. */
  public String newSchema() {
    return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  /** Runs SQL as the superuser through psql on the server's socket; returns its output. */
  public String psql(String sql) throws IOException {
    return run(List.of(bin.resolve("psql").toString(), "-h", sockets().toString(), "-p", String.valueOf(port), "-U",
        "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-XAtq", "-c", sql));
  }

  /** Runs one of the server's programs (e.g. {@code pg_waldump}) with its data directory as {@code PGDATA}; returns its output. */
  public String tool(String program, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(bin.resolve(program).toString()));
    cmd.addAll(Arrays.asList(args));
    return run(cmd);
  }

  /** The data directory. */
  public Path dataDirectory() {
    return data();
  }

  /**
   * Stops the server (fast shutdown: sessions are disconnected) and returns once it has ended.
   * {@link #stop} and {@link #restart} are serialized, so a test may restart the server as soon as
   * a client sees the outage, even while another thread's stop is still waiting.
   */
  public synchronized void stop() throws IOException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
  }

  /**
   * Starts it again on the same port and data; waits for a stop still in progress on another thread.
   * Without that wait, {@code pg_ctl stop -w} (which polls for the server's pid file every 100 ms)
   * could find the new server's pid file, take it for the old server's and wait out its 60 s timeout.
   */
  public synchronized void restart() throws IOException {
    startServer();
  }

  private void init() throws IOException {
    Files.createDirectories(sockets());
    if (root) chown(base);
    List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U",
        "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"));
    // a durable server (benchmarks) starts with its files on disk: otherwise the kernel writes initdb's ~40 MB back
    // while the first measurement runs, and its WAL flushes wait behind them
    if (!durable) initdb.add("--no-sync");
    run(initdb);
    Files.writeString(data().resolve("pg_hba.conf"), String.join("\n",
        "local all all trust",
        "host all " + SECRET_USER + " 127.0.0.1/32 scram-sha-256",
        "host all all 127.0.0.1/32 trust", ""));
  }

  private void startServer() throws IOException {
    String opts = "-p " + port + " -c listen_addresses=127.0.0.1 -k " + sockets() + " -c max_connections=200"
        + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        + (extraOptions.isBlank() ? "" : " " + extraOptions);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", base.resolve("server.log").toString(),
        "-o", opts, "-w", "-t", "60", "start"));
  }

  private Path data() {
    return base.resolve("data");
  }

  private Path sockets() {
    return base.resolve("sock");
  }

  private void destroy() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    } catch (IOException | RuntimeException ignored) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory: left for the OS
    }
  }

  /** Runs a PostgreSQL program (as user postgres when we are root); fails with its output. */
  private String run(List<String> cmd) throws IOException {
    List<String> full = new ArrayList<>();
    if (root) full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
    full.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
    return out.strip();
  }

  private static void chown(Path p) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("chown", "-R", "postgres:postgres", p.toString()).redirectErrorStream(true);
    try {
      Process proc = pb.start();
      String out = new String(proc.getInputStream().readAllBytes());
      if (proc.waitFor() != 0) throw new IOException("chown failed: " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Path findBin() throws IOException {
    String env = System.getenv("LAM_PG_BIN");
    if (env != null && !env.isBlank()) return Path.of(env);
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        var best = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(v -> v.getFileName().toString().matches("\\d+")
                ? Integer.parseInt(v.getFileName().toString()) : 0));
        if (best.isPresent()) return best.get().resolve("bin");
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) return Path.of(dir);
    }
    throw new IOException("no PostgreSQL binaries (initdb, pg_ctl) found: install them with"
        + " `apt-get install -y postgresql`, or set LAM_PG_BIN to their directory");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
