package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real LangGraph JS SDK ({@code @langchain/langgraph-sdk} 1.15.0, pinned in
 * src/test/js/package-lock.json) drives a {@link LamServer} on a free loopback port: every scenario
 * of {@code src/test/js/sdk-scenarios.mjs}. Installs the npm packages on first use ({@code npm
 * ci}); never skips: without node or npm the test fails, saying why.
 */
class LangGraphSdkTest {
  static final Path JS = Path.of("src/test/js").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theJsSdkDrivesTheServer() throws Exception {
    installSdk();
    try (TestServer s = TestServer.fixtures(dir)) {
      List<String> out = node("sdk-scenarios.mjs", s.server.url());
      assertThat(out).as(String.join("\n", out)).contains("ok streamOrchestratorChat", "ok assistantsSearch", "ok streamValuesAndUpdates",
          "ok interruptAnsweredWithResume", "ok historyAndRunFromPastCheckpoint", "ok join", "ok cancel",
          "ok droppedStreamRejoinedWithLastEventId");
      assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
    }
  }

  /** {@code client.store} (src/test/js/store-scenarios.mjs), then an item written before a restart read by the next server on the same SQLite file. */
  @Test
  void theJsSdkUsesTheStoreAcrossARestart() throws Exception {
    installSdk();
    String url = "sqlite:" + dir.resolve("lam.db");
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, java.util.Map.of())) {
      List<String> out = node("store-scenarios.mjs", s.server.url());
      assertThat(out).as(String.join("\n", out)).contains("ok putGetUpdateDelete", "ok searchWithPrefixFilterAndQuery",
          "ok listNamespaces", "ok badInputIsRefused");
      assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
      out = node("store-scenarios.mjs", s.server.url(), "beforeRestart");
      assertThat(out).as(String.join("\n", out)).containsExactly("ok beforeRestart");
    }
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, java.util.Map.of())) {
      List<String> out = node("store-scenarios.mjs", s.server.url(), "afterRestart");
      assertThat(out).as(String.join("\n", out)).containsExactly("ok afterRestart");
    }
  }

  /**
   * Live streams through the SDK (src/test/js/stream-scenarios.mjs): a model behind a local
   * OpenAI-compatible server that streams, token by token over {@code messages-tuple} (with
   * {@code client.runs.stream} and with the StreamOrchestrator a chat UI uses), and {@code custom}.
   */
  @Test
  void theJsSdkReceivesTokensAndCustomEventsLive() throws Exception {
    installSdk();
    List<String> pieces = List.of("Hello", ", I am ", "written ", "token ", "by ", "token.");
    try (StreamingLlm llm = new StreamingLlm(pieces, 40)) {
      java.nio.file.Files.writeString(dir.resolve("talk.yaml"), StreamingLlm.chatWorkflow("talk"));
      java.nio.file.Files.writeString(dir.resolve("work.yaml"), """
          name: work
          state: { done: { type: integer, default: 0 }, note: { type: string, default: "" } }
          nodes:
            p: { type: progress, steps: 3, into: done }
          edges: [ { from: START, to: p }, { from: p, to: END } ]
          """);
      try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "memory:",
          java.util.Map.of("LLM_URL", llm.url(), "LLM_KEY", "sk-sdk-stream-0123456789"))) {
        List<String> out = node("stream-scenarios.mjs", s.server.url(), String.join("", pieces));
        assertThat(out).as(String.join("\n", out)).contains("ok messagesTupleThenValues", "ok orchestratorShowsTokensAsTheyArrive",
            "ok customEvents");
        assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
      }
    }
  }

  /**
   * {@code client.crons} and {@code client.runs.createBatch} (src/test/js/cron-scenarios.mjs) on a
   * server whose clock runs a minute per real second, so a {@code * * * * *} cron fires about every
   * second through the server's own ticker.
   */
  @Test
  void theJsSdkUsesCronsAndBatches() throws Exception {
    installSdk();
    TestServer.copyFixtures(dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "sqlite:" + dir.resolve("lam.db"), java.util.Map.of(),
        new FastClock(java.time.Instant.parse("2026-03-02T10:00:00Z"), 60))) {
      List<String> out = node("cron-scenarios.mjs", s.server.url());
      assertThat(out).as(String.join("\n", out)).contains("ok cronOnAThread", "ok statelessCron", "ok searchCountUpdate",
          "ok badCronsAreRefused", "ok runsInABatch");
      assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
    }
  }

  /**
   * {@code webhook} through the SDK (src/test/js/webhook-scenarios.mjs): a run's and a cron's
   * deliveries reach a local receiver the server allows; refused URLs are 422s the SDK reports.
   */
  @Test
  void theJsSdkSetsWebhooksOnRunsAndCrons() throws Exception {
    installSdk();
    TestServer.copyFixtures(dir);
    try (WebhookReceiver rx = new WebhookReceiver();
        TestServer s = new TestServer(dir, ServerOptions.defaults().withWebhooks(List.of("127.0.0.1:" + rx.port()), true),
            "memory:", java.util.Map.of(), new FastClock(java.time.Instant.parse("2026-03-02T10:00:00Z"), 60))) {
      List<String> out = node("webhook-scenarios.mjs", s.server.url(), rx.url("/hook"));
      assertThat(out).as(String.join("\n", out)).contains("ok runWithWebhook", "ok refusedWebhooks", "ok cronWithWebhook");
      String runId = out.stream().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4);
      String cronId = out.stream().filter(l -> l.startsWith("cron ")).findFirst().orElseThrow().substring(5);
      List<java.util.Map<String, Object>> bodies = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // until both deliveries came, however slow the machine
      while (bodies.stream().noneMatch(b -> runId.equals(b.get("run_id")))
          || bodies.stream().noneMatch(b -> b.get("metadata") instanceof java.util.Map<?, ?> m && cronId.equals(m.get("cron_id")))) {
        WebhookReceiver.Hit h = rx.next((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())));
        if (h == null) break;
        bodies.add(h.json());
      }
      assertThat(bodies).anySatisfy(b -> assertThat(b).containsEntry("run_id", runId).containsEntry("status", "success"));
      assertThat(bodies).anySatisfy(b -> assertThat(b.get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("cron_id", cronId));
    }
  }

  /**
   * {@code tasks} and {@code stream_subgraphs} through the SDK (src/test/js/task-scenarios.mjs):
   * {@code client.runs.stream} and the StreamOrchestrator's {@code onTaskEvent} / {@code
   * onUpdateEvent} with a subgraph's namespace.
   */
  @Test
  void theJsSdkStreamsTasksAndSubgraphs() throws Exception {
    installSdk();
    TestServer.copyFixtures(dir);
    SubgraphFixtures.write(dir);
    try (TestServer s = TestServer.start(dir)) {
      List<String> out = node("task-scenarios.mjs", s.server.url());
      assertThat(out).as(String.join("\n", out)).contains("ok tasksOfAPauseAndItsResume", "ok subgraphEventsAreNamespaced",
          "ok subgraphSchemas", "ok orchestratorSeesTasksAndNamespaces");
      assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
    }
  }

  /** A clock running {@code speed} times faster than real time from {@code start}. */
  static final class FastClock extends java.time.Clock {
    private final java.time.Instant start;
    private final long speed;
    private final long origin = System.nanoTime();

    FastClock(java.time.Instant start, long speed) {
      this.start = start;
      this.speed = speed;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return start.plusNanos((System.nanoTime() - origin) * speed);
    }
  }

  static List<String> node(String script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(JS.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("node " + script + " did not finish in 5 minutes:\n" + text);
    }
    return text.lines().toList();
  }

  /** {@code npm ci} in src/test/js when the SDK is not installed yet. */
  static synchronized void installSdk() throws IOException, InterruptedException {
    if (Files.isDirectory(JS.resolve("node_modules/@langchain/langgraph-sdk"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("npm ci failed in " + JS + " (node and npm are needed):\n" + out);
  }
}
