package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 9, item 4): a secret from {@code ${env:...}} leaked into live output although
 * the store masked it. Each test performs the attack through real {@code lam} processes (the
 * secret is in their environment only) and reads every output path: progress lines, the final
 * state, {@code --json}, error messages, {@code lam state/runs/history/trace} (text, JSON, HTML),
 * OTLP spans, and the store file itself.
 */
class SecretOutputIT {
  static final String SECRET = "s3cr3t-Tok-91f2c7e0";
  static final String ENV = "LAM_TEST_SECRET";

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();

  /** Loopback server: /echo answers the request's headers as JSON; /api/... is 404; /v1/traces is an OTLP collector. */
  @BeforeEach
  void server() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/echo", x -> {
      byte[] b = ("{\"authorization\":\"" + x.getRequestHeaders().getFirst("Authorization") + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.createContext("/api/", x -> {
      x.sendResponseHeaders(404, -1);
      x.close();
    });
    server.createContext("/v1/traces", x -> {
      received.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int port() {
    return server.getAddress().getPort();
  }

  private Lam.Result lam(Map<String, String> env, Object... args) throws Exception {
    Map<String, String> e = new HashMap<>(env);
    e.putIfAbsent(ENV, SECRET);
    return LamProcess.run(dir, e, args);
  }

  private Lam.Result lam(Object... args) throws Exception {
    return lam(Map.of(), args);
  }

  private static void assertMasked(Lam.Result r) {
    assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(SECRET).doesNotContain("s3cr3t-Tok");
  }

  private static String thread(Lam.Result r) {
    String[] lines = r.out().strip().split("\n");
    return lines[lines.length - 1].replace("thread: ", "").strip();
  }

  @Test
  void aShellToolPrintingItsEnvironmentShowsTheSecretMaskedOnEveryOutputPath() throws Exception {
    Files.writeString(dir.resolve("leak-env.yaml"), """
        name: leak-env
        tools:
          show_env:
            type: shell
            description: Prints its environment.
            command: [env]
            allow: [env]
            root: .
            env: { TOKEN: "${env:LAM_TEST_SECRET}" }
        state:
          out: { type: string, default: "" }
        nodes:
          dump: { type: tool, tool: show_env, save: { out: "result.stdout" } }
        edges:
          - { from: START, to: dump }
          - { from: dump, to: END }
        """);
    Lam.Result run = lam(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port()), "run", "leak-env.yaml");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("TOKEN=***");
    assertMasked(run);
    String id = thread(run);
    assertThat(received).as("OTLP spans sent").isNotEmpty();
    assertThat(String.join("\n", received)).doesNotContain(SECRET);

    Lam.Result json = lam("run", "leak-env.yaml", "--json");
    assertThat(json.json()).extractingByKey("state").asString().contains("TOKEN=***");
    assertMasked(json);

    for (Object[] inspect : List.of(new Object[] {"state", id}, new Object[] {"state", id, "--json"},
        new Object[] {"history", id, "--json"}, new Object[] {"runs", "--json"}, new Object[] {"trace", id},
        new Object[] {"trace", id, "--json"})) {
      Lam.Result r = lam(inspect);
      assertThat(r.code()).as(r.toString()).isZero();
      assertMasked(r);
    }
    Lam.Result html = lam("trace", id, "--html", "page.html");
    assertThat(html.code()).as(html.toString()).isZero();
    assertThat(Files.readString(dir.resolve("page.html"))).contains("TOKEN=***").doesNotContain(SECRET);

    // the store holds the exact value, encrypted: never the plaintext
    assertThat(SealedFiles.raw(dir.resolve(".lam"))).doesNotContain(SECRET).contains("lamseal:1:");
    assertThat(dir.resolve(".lam/lam.db.key")).isRegularFile();
  }

  @Test
  void anHttpBodyEchoingTheHeaderAndAnErrorNamingASecretUrlPathAreMasked() throws Exception {
    Files.writeString(dir.resolve("leak-http.yaml"), """
        name: leak-http
        tools:
          echo:
            type: http
            description: Echoes the Authorization header.
            url: "http://127.0.0.1:%1$d/echo"
            headers: { Authorization: "Bearer ${env:LAM_TEST_SECRET}" }
            allow_hosts: [127.0.0.1]
            allow_private: true
          status:
            type: http
            description: A URL whose path holds the token.
            url: "http://127.0.0.1:%1$d/api/${env:LAM_TEST_SECRET}/status"
            allow_hosts: [127.0.0.1]
            allow_private: true
        state:
          echoed: { type: any }
        nodes:
          call: { type: tool, tool: echo, save: { echoed: "result.body" } }
          check: { type: tool, tool: status, fail_on_error: true }
        edges:
          - { from: START, to: call }
          - { from: call, to: check }
          - { from: check, to: END }
        """.formatted(port()));
    Lam.Result run = lam("run", "leak-http.yaml");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("echoed={\"authorization\":\"Bearer ***\"}"); // masked before the line is cut
    assertThat(run.err()).contains("HTTP 404 from GET http://127.0.0.1:" + port() + "/api/***/status");
    assertMasked(run);
    String id = thread(run);

    Lam.Result json = lam("run", "leak-http.yaml", "--json");
    assertThat(json.out()).contains("Bearer ***").contains("/api/***/status");
    assertMasked(json);

    Lam.Result state = lam("state", id);
    assertThat(state.out()).contains("/api/***/status");
    assertMasked(state);
    // a process without the secret in its environment still masks it: the sealed values name it
    Map<String, String> noSecret = new HashMap<>();
    noSecret.put(ENV, null);
    Lam.Result runs = lam(noSecret, "runs", "--json");
    assertThat(runs.out()).contains("/api/***/status");
    assertMasked(runs);
    Lam.Result trace = lam(noSecret, "trace", id, "--json");
    assertThat(trace.code()).as(trace.toString()).isZero();
    assertMasked(trace);
  }

  @Test
  void aModelAnswerQuotingTheKeyIsMasked() throws Exception {
    try (MockOpenAi model = new MockOpenAi(chat -> MockOpenAi.Answer.text("Your key is " + SECRET + ", keep it safe"))) {
      Files.writeString(dir.resolve("leak-model.yaml"), """
          name: leak-model
          models:
            default: { provider: openai, model: m, base_url: "%s", api_key: "${env:LAM_TEST_SECRET}" }
          state:
            answer: { type: string, default: "" }
          nodes:
            ask: { type: llm, prompt: "What is my API key?", output: answer }
          edges:
            - { from: START, to: ask }
            - { from: ask, to: END }
          """.formatted(model.baseUrl()));
      Lam.Result run = lam("run", "leak-model.yaml");
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.out()).contains("\"answer\" : \"Your key is ***, keep it safe\"");
      assertMasked(run);
      Lam.Result json = lam("run", "leak-model.yaml", "--json");
      assertThat(json.json()).extractingByKey("state").asString().contains("Your key is ***");
      assertMasked(json);
      Lam.Result state = lam("state", thread(run), "--json");
      assertMasked(state);
    }
  }

  /**
   * Regression (issue 9, item 5): with a secret whose value is {@code hello}, the state string
   * {@code hello world} was stored as {@code *** world}, and a run resumed in a new process
   * computed on {@code *** world!}. The {@code length} channel shows what was computed (12 for
   * "hello world!", 10 for "*** world!") without showing the secret.
   */
  @Test
  void aRunPausedAndResumedComputesExactlyWhatAnUninterruptedRunComputes() throws Exception {
    String flow = """
        name: greet
        tools:
          token_holder:
            type: shell
            description: Has the token in its environment, which makes its value a registered secret.
            command: [env]
            allow: [env]
            root: .
            env: { TOKEN: "${env:LAM_TEST_SECRET}" }
        state:
          text: { type: string, default: "" }
          length: { type: integer, default: 0 }
        nodes:
          greet: { type: set, set: { text: "state.text + ' world'" } }
          finish: { type: set, set: { text: "state.text + '!'", length: "size(state.text) + 1" }%s }
        edges:
          - { from: START, to: greet }
          - { from: greet, to: finish }
          - { from: finish, to: END }
        """;
    Files.writeString(dir.resolve("straight.yaml"), flow.formatted(""));
    Files.writeString(dir.resolve("paused.yaml"), flow.formatted(", interrupt_before: true"));
    Map<String, String> env = Map.of(ENV, "hello");

    Lam.Result straight = lam(env, "run", "straight.yaml", "--input", "text=hello", "--json");
    assertThat(straight.code()).as(straight.toString()).isZero();
    Lam.Result paused = lam(env, "run", "paused.yaml", "--input", "text=hello", "--thread", "p-1");
    assertThat(paused.code()).as(paused.toString()).isEqualTo(3);
    Lam.Result resumed = lam(env, "resume", "p-1", "--json");
    assertThat(resumed.code()).as(resumed.toString()).isZero();

    Map<?, ?> expected = (Map<?, ?>) straight.json().get("state");
    assertThat(expected.get("length")).isEqualTo(12L); // computed on "hello world"
    assertThat(resumed.json().get("state")).isEqualTo(expected);
    assertThat(expected.get("text")).isEqualTo("*** world!"); // shown masked
    assertThat(lam(env, "state", "p-1", "--json").json().get("state")).isEqualTo(expected);

    String raw = SealedFiles.raw(dir.resolve(".lam"));
    assertThat(raw).doesNotContain("hello").contains("lamseal:1:");
  }

  /** The store's files, as bytes read as text (not the key file). */
  static final class SealedFiles {
    static String raw(Path lamDir) throws IOException {
      StringBuilder sb = new StringBuilder();
      List<Path> files = new ArrayList<>();
      try (var s = Files.list(lamDir)) {
        s.filter(p -> p.getFileName().toString().startsWith("lam.db") && !p.toString().endsWith(".key")).forEach(files::add);
      }
      assertThat(files).isNotEmpty();
      for (Path f : files) sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      return sb.toString();
    }
  }
}
