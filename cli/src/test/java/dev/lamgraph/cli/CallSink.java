package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP sink for one run's calls ({@code POST /call?id=ID}): it records every id in the
 * order it arrives, and can hold one call (the {@code held} id, the first time it comes) without
 * answering until {@link #release()}, so the caller is certainly still running, with that call in
 * flight, until the test lets it go. {@link #awaitIdle()} tells when every call a killed caller had
 * sent has been read and recorded.
 */
final class CallSink implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<String> posted = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);
  private final String held;

  /** A sink that holds the first call with id {@code held} (none when null). */
  CallSink(String held) throws IOException {
    this.held = held;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/call", ex -> {
      try (ex) {
        String id = ex.getRequestURI().getQuery().substring("id=".length());
        boolean hold = id.equals(held) && !posted.contains(id);
        posted.add(id);
        if (hold) release.await(5, TimeUnit.MINUTES);
        byte[] body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException callerGone) {
        // a killed caller: the call was made, its answer is lost
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The ids received so far, in order. */
  List<String> posted() {
    synchronized (posted) {
      return List.copyOf(posted);
    }
  }

  /** Whether the held call has arrived (and is being held, until {@link #release()}). */
  boolean holding() {
    return held != null && posted.contains(held) && release.getCount() > 0;
  }

  /** Answers the held call (if it came) and lets any later one through. */
  void release() {
    release.countDown();
  }

  /**
   * Waits until no connection to the sink is open any more: after its caller was killed, every
   * request the caller had written has then been read and recorded (the sink closes a connection
   * only after handling what came before the caller's FIN). Reads the kernel's socket tables.
   */
  void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int open; (open = openConnections()) > 0; ) {
      assertThat(System.nanoTime()).as(open + " connections to the sink still open").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** Server-side sockets of this sink that are connected (ESTABLISHED, SYN_RECV or CLOSE_WAIT). */
  private int openConnections() {
    String local = String.format("0100007F:%04X", port()); // 127.0.0.1 (also the end of its IPv6-mapped form)
    int open = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        if (table.endsWith("6")) continue; // no IPv6
        throw new UncheckedIOException(e);
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[1].endsWith(local) && Set.of("01", "03", "08").contains(f[3])) open++;
      }
    }
    return open;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    pool.shutdownNow();
  }
}
