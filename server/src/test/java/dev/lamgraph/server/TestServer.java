package dev.lamgraph.server;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.server.api.Routes;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@link LamServer} on a free loopback port over a folder of workflows, with a JSON client. */
final class TestServer implements AutoCloseable {
  final Path dir;
  final WorkflowRegistry registry;
  final CheckpointStore store;
  final LamServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String token;

  TestServer(Path dir, ServerOptions options, String storeUrl, Map<String, String> env) {
    this(dir, options, storeUrl, env, Clock.systemUTC());
  }

  TestServer(Path dir, ServerOptions options, String storeUrl, Map<String, String> env, Clock clock) {
    this.dir = dir;
    Redactor secrets = new Redactor();
    if (options.token() != null) secrets.addSecret(options.token());
    this.registry = new WorkflowRegistry(List.of(dir), () -> Compiler.withDefaults(env, secrets), Clock.systemUTC());
    registry.scan();
    this.store = Stores.open(storeUrl, env, secrets);
    ServerContext ctx = new ServerContext(options.withPort(0), registry, store, env, secrets, clock);
    this.server = LamServer.start(ctx, Routes.standard("test"));
    this.token = options.token();
  }

  /** A server over {@code dir} on {@code store} as it is (e.g. a wrapper that injects a fault). */
  TestServer(Path dir, CheckpointStore store) {
    this.dir = dir;
    Redactor secrets = new Redactor();
    this.registry = new WorkflowRegistry(List.of(dir), () -> Compiler.withDefaults(Map.of(), secrets), Clock.systemUTC());
    registry.scan();
    this.store = store;
    ServerContext ctx = new ServerContext(ServerOptions.defaults().withPort(0), registry, store, Map.of(), secrets, Clock.systemUTC());
    this.server = LamServer.start(ctx, Routes.standard("test"));
  }

  static TestServer start(Path dir) {
    return new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of());
  }

  /** A server over copies of the test workflows (src/test/resources/serve: counter, human-approval, slow, chat). */
  static TestServer fixtures(Path dir) {
    copyFixtures(dir);
    return start(dir);
  }

  /** Copies the test workflows (see {@link #fixtures}) into {@code dir}. */
  static void copyFixtures(Path dir) {
    Path src = Path.of("src/test/resources/serve");
    try (var files = Files.walk(src)) {
      for (Path f : files.toList()) {
        Path to = dir.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(to);
        else Files.copy(f, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One SSE event as read by {@link #sse}. */
  record Sse(String id, String event, String data) {
    Object json() {
      return data == null || data.isEmpty() ? null : Json.read(data);
    }
  }

  /** Reads an SSE response to its end (or {@code max} events), with headers. */
  List<Sse> sse(String method, String path, Object body, Map<String, String> headers, int max) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<java.util.stream.Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + String.join("\n", r.body().toList()));
      List<Sse> out = new java.util.ArrayList<>();
      String[] cur = new String[3];
      var it = r.body().iterator();
      while (it.hasNext() && out.size() < max) {
        String line = it.next();
        if (line.isEmpty()) {
          if (cur[1] != null) out.add(new Sse(cur[0], cur[1], cur[2]));
          cur = new String[3];
        } else if (line.startsWith("id: ")) cur[0] = line.substring(4);
        else if (line.startsWith("event: ")) cur[1] = line.substring(7);
        else if (line.startsWith("data: ")) cur[2] = line.substring(6);
      }
      r.body().close();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Copies a workflow from the repository's graphs/ folder into {@code dir}. */
  static void copyGraph(String name, Path dir) {
    try {
      Path root = Path.of("").toAbsolutePath();
      Path src = root.resolve("../graphs/" + name);
      if (!Files.exists(src)) src = root.resolve("graphs/" + name);
      Files.copy(src, dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Reply(int status, String body, Map<String, List<String>> headers) {
    Object json() {
      return Json.read(body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, Object body) {
    return send("POST", path, body == null ? "" : Json.write(body));
  }

  Reply send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    registry.close();
    store.close();
  }
}
