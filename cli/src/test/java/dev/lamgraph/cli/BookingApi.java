package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The example's booking API ({@code graphs/data/api-booking/server.mjs}) as a real {@code node}
 * process on a free loopback port, stopped on {@link #close}.
 */
final class BookingApi implements AutoCloseable {
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  final int port;

  BookingApi(Path server) throws Exception {
    try {
      process = new ProcessBuilder("node", server.toString(), "--port", "0").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("the booking API needs Node.js (`node` on the PATH): " + e.getMessage(), e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first;
    try {
      first = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the booking API did not print its address within 60 s", e);
    }
    if (first == null || !first.matches("booking API listening on http://127\\.0\\.0\\.1:\\d+")) {
      close();
      throw new IllegalStateException("unexpected first line from the booking API: " + first);
    }
    port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  Map<String, Object> get(String path) throws Exception {
    return Json.readMap(http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** POST /bookings with {@code body} and, when not null, an Idempotency-Key: status and parsed body. */
  Map<String, Object> book(String body, String idempotencyKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/bookings"))).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return Map.of("status", (long) r.statusCode(), "body", Json.read(r.body()));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> bookings() throws Exception {
    return (List<Map<String, Object>>) get("/bookings").get("bookings");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
