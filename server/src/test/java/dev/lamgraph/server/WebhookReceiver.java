package dev.lamgraph.server;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1: {@code /hook} records each POST (path, body) and answers the
 * queued statuses in turn (then 200); {@code /moved} answers 302 to {@code /hook}.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request received. */
  record Hit(String path, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.read(body);
    }
  }

  final HttpServer server;
  final BlockingQueue<Hit> hits = new LinkedBlockingQueue<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  WebhookReceiver(Integer... statuses) {
    this.statuses.addAll(List.of(statuses));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      hits.add(new Hit(ex.getRequestURI().getPath(), body));
      int status;
      if (ex.getRequestURI().getPath().equals("/moved")) {
        ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/hook");
        status = 302;
      } else {
        synchronized (this.statuses) {
          status = this.statuses.isEmpty() ? 200 : this.statuses.poll();
        }
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** The next request, waiting up to {@code seconds}; null when none came. */
  Hit next(int seconds) throws InterruptedException {
    return hits.poll(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
