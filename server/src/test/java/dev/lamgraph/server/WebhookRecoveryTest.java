package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook of a run a server stopped mid-way (a restart on the same SQLite file): the stopping
 * server does not send it, the next server recovers the run with its request's fields (kept in the
 * store) and sends it when the run ends, if its own {@code --webhook-allow} still allows the URL.
 */
@SuppressWarnings("unchecked")
class WebhookRecoveryTest {
  @TempDir Path dir;

  private TestServer server(WebhookReceiver rx) {
    ServerOptions o = rx == null ? ServerOptions.defaults()
        : ServerOptions.defaults().withWebhooks(List.of("127.0.0.1:" + rx.port()), true);
    return new TestServer(dir, o, "sqlite:" + dir.resolve("lam.db"), Map.of());
  }

  /** Starts a slow run with a webhook and stops its server after a few steps; returns {thread, run}. */
  private String[] startAndStop(WebhookReceiver rx) throws Exception {
    TestServer.copyFixtures(dir);
    try (TestServer a = server(rx)) {
      String t = (String) a.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> run = a.post("/threads/" + t + "/runs", Map.of("assistant_id", "slow", "input", Map.of("limit", 8),
          "webhook", rx.url("/hook"), "stream_mode", List.of("updates", "tasks"), "metadata", Map.of("who", "me"))).map();
      long until = System.currentTimeMillis() + 20_000;
      while (((Number) ((Map<String, Object>) a.get("/threads/" + t + "/state").map().get("values")).getOrDefault("n", 0)).intValue() < 2) {
        assertThat(System.currentTimeMillis()).as("the run counts").isLessThan(until);
        Thread.sleep(50);
      }
      assertThat(a.store.labels()).containsKey("run/" + run.get("run_id"));
      return new String[] {t, (String) run.get("run_id")};
    } finally {
      assertThat(rx.next(1)).as("a run the server stopped is not posted").isNull();
    }
  }

  @Test
  void theNextServerSendsTheWebhookOfTheRunItRecovers() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver()) {
      String[] ids = startAndStop(rx);
      try (TestServer b = server(rx)) {
        assertThat(b.store.thread(ids[0]).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        List<TestServer.Sse> events = b.sse("GET", "/threads/" + ids[0] + "/runs/" + ids[1] + "/stream", null, Map.of(), 10_000);
        assertThat(events).extracting(TestServer.Sse::event).contains("updates", "tasks").doesNotContain("values").endsWith("end");
        Map<String, Object> body = rx.next(10).json();
        assertThat(body).containsEntry("run_id", ids[1]).containsEntry("thread_id", ids[0]).containsEntry("status", "success");
        assertThat((Map<String, Object>) body.get("values")).containsEntry("n", 8L);
        assertThat((Map<String, Object>) body.get("metadata")).containsEntry("who", "me");
        assertThat((Map<String, Object>) body.get("kwargs")).containsEntry("webhook", rx.url("/hook"))
            .containsEntry("stream_mode", List.of("updates", "tasks"));
        assertThat(rx.next(1)).as("one delivery").isNull();
        assertThat(b.store.labels()).doesNotContainKey("run/" + ids[1]);
      }
    }
  }

  @Test
  void aServerWhosePolicyRefusesTheUrlDoesNotSendItAndForgetsIt() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver()) {
      String[] ids = startAndStop(rx);
      try (TestServer b = server(null)) {
        Map<String, Object> done = b.get("/threads/" + ids[0] + "/runs/" + ids[1] + "/join").map();
        assertThat(done).containsEntry("n", 8L);
        assertThat(b.store.labels()).doesNotContainKey("run/" + ids[1]);
        assertThat((Map<String, Object>) b.get("/threads/" + ids[0] + "/runs/" + ids[1]).map().get("kwargs")).containsEntry("webhook", null);
      }
      try (TestServer c = server(rx)) {
        assertThat(c.get("/threads/" + ids[0] + "/runs/" + ids[1]).map()).containsEntry("status", "success");
      }
      assertThat(rx.next(2)).as("refused by the server that recovered it; not sent later either").isNull();
    }
  }

  @Test
  void aRunFinishedWhileNoServerRanIsPostedWhenTheNextServerFindsIt() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver()) {
      String[] ids = startAndStop(rx);
      // lam resume on the same store finishes it while no server runs
      try (TestServer quiet = server(null); Runs runs = new Runs(quiet.store, RunOptions.defaults())) {
        assertThat(runs.resume(Compiler.withDefaults().compile(dir.resolve("slow.yaml")), ids[0], Map.of()).status())
            .isEqualTo(RunStatus.DONE);
      }
      try (TestServer b = server(rx)) {
        assertThat(b.get("/threads/" + ids[0] + "/runs/" + ids[1]).map()).containsEntry("status", "success");
        Map<String, Object> body = rx.next(10).json();
        assertThat(body).containsEntry("run_id", ids[1]).containsEntry("status", "success");
        assertThat((Map<String, Object>) body.get("values")).containsEntry("n", 8L);
        assertThat(b.get("/threads/" + ids[0] + "/runs/" + ids[1] + "/join").map()).containsEntry("n", 8L);
      }
      assertThat(rx.next(1)).as("once").isNull();
    }
  }
}
