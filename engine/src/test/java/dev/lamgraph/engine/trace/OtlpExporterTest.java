package dev.lamgraph.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP JSON export against a local collector stand-in that records what arrives. */
class OtlpExporterTest {
  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> paths = new CopyOnWriteArrayList<>();
  final List<String> auth = new CopyOnWriteArrayList<>();
  volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      paths.add(ex.getRequestURI().getPath());
      auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  @SuppressWarnings("unchecked")
  void runStepNodeToolAndModelSpansArriveWithGenAiAttributes() throws Exception {
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(Compiler.withDefaults().compile(Path.of("../graphs/counter.yaml")), "t", Map.of());
    }
    ThreadInfo t = store.thread("t").orElseThrow();
    List<TraceEvent> events = new ArrayList<>(store.events("t"));
    Instant at = events.get(events.size() - 1).time();
    events.add(new TraceEvent(0, "t", 2, "tool_call", "tool", at, Map.of("tool", "search", "duration_ms", 12L)));
    events.add(new TraceEvent(0, "t", 2, "model_call", "tool", at, Map.of("provider", "openai", "model", "gpt-x",
        "input_tokens", 10L, "output_tokens", 5L, "duration_ms", 40L)));
    OtlpExporter x = OtlpExporter.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint() + "/",
        "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer abc"), new Redactor()).orElseThrow();
    int sent = x.export(t.traced(), events);

    assertThat(paths).containsExactly("/v1/traces");
    assertThat(auth).containsExactly("Bearer abc");
    Map<String, Object> body = Json.readMap(bodies.get(0));
    var rs = (List<Map<String, Object>>) body.get("resourceSpans");
    var spans = (List<Map<String, Object>>) ((List<Map<String, Object>>) rs.get(0).get("scopeSpans")).get(0).get("spans");
    assertThat(spans).hasSize(sent);
    // 1 run + 201 steps + 201 node spans + 1 tool + 1 model
    assertThat(spans).hasSize(1 + 201 + 201 + 2);
    Map<String, Object> run = spans.get(0);
    assertThat(run.get("name")).isEqualTo("lam.run counter");
    assertThat(run).doesNotContainKey("parentSpanId");
    assertThat(spans).allSatisfy(s -> assertThat(s.get("traceId")).isEqualTo(run.get("traceId")));
    Map<String, Object> model = spans.stream().filter(s -> String.valueOf(s.get("name")).startsWith("chat ")).findFirst().orElseThrow();
    assertThat(Json.write(model.get("attributes"))).contains("\"gen_ai.operation.name\"").contains("\"chat\"")
        .contains("\"gen_ai.request.model\"").contains("\"gpt-x\"").contains("\"gen_ai.usage.input_tokens\"")
        .contains("{\"intValue\":\"10\"}").contains("\"gen_ai.usage.output_tokens\"");
    Map<String, Object> tool = spans.stream().filter(s -> "execute_tool search".equals(s.get("name"))).findFirst().orElseThrow();
    String stepTwo = spans.stream().filter(s -> "lam.step 2".equals(s.get("name"))).map(s -> (String) s.get("spanId"))
        .findFirst().orElseThrow();
    assertThat(tool.get("parentSpanId")).isEqualTo(stepTwo);
    assertThat(Long.parseLong((String) tool.get("endTimeUnixNano")) - Long.parseLong((String) tool.get("startTimeUnixNano")))
        .isEqualTo(12_000_000L);
  }

  @Test
  void disabledWithoutTheStandardVariablesAndCollectorErrorsAreReported() throws Exception {
    assertThat(OtlpExporter.fromEnv(Map.of(), new Redactor())).isEmpty();
    assertThat(OtlpExporter.fromEnv(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://h:1/custom"), new Redactor()).orElseThrow()
        .endpoint().toString()).isEqualTo("http://h:1/custom");
    status = 503;
    OtlpExporter x = OtlpExporter.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint()), new Redactor()).orElseThrow();
    ThreadInfo t = new ThreadInfo("t", "w", "f", "", "{}", dev.lamgraph.engine.store.RunStatus.DONE, 0, null, null,
        Instant.EPOCH, Instant.EPOCH);
    assertThatThrownBy(() -> x.export(t.traced(), List.of())).hasMessageContaining("HTTP 503");
  }
}
