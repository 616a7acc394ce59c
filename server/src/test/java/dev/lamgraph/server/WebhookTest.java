package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.server.runs.ServerRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks of runs and crons against a local receiver ({@link WebhookReceiver}), and every way a
 * webhook URL is refused (server-side request forgery): off by default, a host not listed, a
 * private address without {@code --webhook-allow-private}, user info, other schemes, redirects.
 */
@SuppressWarnings("unchecked")
class WebhookTest {
  @TempDir Path dir;

  private TestServer server(WebhookReceiver rx, boolean allowPrivate) {
    return server(rx, allowPrivate, Clock.systemUTC());
  }

  private TestServer server(WebhookReceiver rx, boolean allowPrivate, Clock clock) {
    TestServer.copyFixtures(dir);
    try {
      Files.writeString(dir.resolve("broken.yaml"), """
          name: broken
          state:
            zero: { type: integer, default: 0 }
            out:  { type: integer, default: 0 }
          nodes:
            divide: { type: set, set: { out: "10 / state.zero" } }
          edges:
            - { from: START, to: divide }
            - { from: divide, to: END }
          """);
      Files.writeString(dir.resolve("secret.yaml"), """
          name: secret
          state:
            out: { type: string, default: "" }
          nodes:
            leak: { type: set, set: { out: "'key is ' + input.key" } }
          edges:
            - { from: START, to: leak }
            - { from: leak, to: END }
          """);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ServerOptions o = ServerOptions.defaults().withWebhooks(List.of("127.0.0.1:" + rx.port(), "localhost:" + rx.port()), allowPrivate);
    return new TestServer(dir, o, "memory:", Map.of(), clock);
  }

  @Test
  void aRunThatSucceedsIsPostedAsItsRunObjectWithItsValues() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, true)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> done = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter",
          "input", Map.of("attempts", 98), "webhook", rx.url("/hook?x=1"))).map();
      assertThat(done).containsEntry("attempts", 100L);
      WebhookReceiver.Hit hit = rx.next(60);
      assertThat(hit).isNotNull();
      assertThat(hit.path()).isEqualTo("/hook");
      Map<String, Object> body = hit.json();
      String runId = (String) body.get("run_id");
      Map<String, Object> run = s.get("/threads/" + t + "/runs/" + runId).map();
      assertThat(body).containsEntry("thread_id", t).containsEntry("status", "success")
          .containsEntry("assistant_id", run.get("assistant_id")).containsEntry("kwargs", run.get("kwargs"))
          .containsKeys("run_started_at", "run_ended_at", "webhook_sent_at").doesNotContainKey("error");
      assertThat((Map<String, Object>) body.get("kwargs")).containsEntry("webhook", rx.url("/hook?x=1"));
      assertThat((Map<String, Object>) body.get("values")).containsEntry("attempts", 100L);
      assertThat(rx.next(1)).as("one delivery").isNull();
    }
  }

  @Test
  void aFailedRunCarriesItsErrorAndAPausedRunIsPostedToo() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, true)) {
      s.post("/runs/wait", Map.of("assistant_id", "broken", "webhook", rx.url("/hook")));
      Map<String, Object> failed = rx.next(60).json();
      assertThat(failed).containsEntry("status", "error");
      assertThat((String) failed.get("error")).isNotBlank();
      assertThat(failed.get("values")).isInstanceOf(Map.class);

      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "human-approval", "webhook", rx.url("/hook")));
      Map<String, Object> paused = rx.next(60).json();
      assertThat(paused).containsEntry("thread_id", t).doesNotContainKey("error");
      assertThat(s.get("/threads/" + t).map()).containsEntry("status", "interrupted");
      assertThat((Map<String, Object>) paused.get("values")).doesNotContainKey("__interrupt__");
    }
  }

  @Test
  void secretsInTheStateAreMaskedInTheBody() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, true)) {
      s.server.context().redactor().addSecret("hunter2-very-secret");
      s.post("/runs/wait", Map.of("assistant_id", "secret", "input", Map.of("key", "hunter2-very-secret"), "webhook", rx.url("/hook")));
      WebhookReceiver.Hit hit = rx.next(60);
      assertThat(hit.body()).doesNotContain("hunter2-very-secret").contains("key is ***");
    }
  }

  @Test
  void aReceiverFailingTwiceGetsTheThirdTry() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(500, 500); TestServer s = server(rx, true)) {
      s.post("/runs/wait", Map.of("assistant_id", "secret", "input", Map.of("key", "k"), "webhook", rx.url("/hook")));
      assertThat(rx.next(60).body()).isEqualTo(rx.next(60).body()).isEqualTo(rx.next(60).body());
      assertThat(rx.next(3)).as("no fourth try after the 200").isNull();
    }
  }

  @Test
  void webhooksAreOffWithoutAnAllowList() throws Exception {
    TestServer.copyFixtures(dir);
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = TestServer.start(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      TestServer.Reply r = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter", "webhook", rx.url("/hook")));
      CronRoutesTest.assertRefused(r, 422, "webhook refused: webhooks are off: start lam serve with --webhook-allow HOST[:PORT]");
      assertThat(s.get("/threads/" + t + "/runs").list()).isEmpty();
      CronRoutesTest.assertRefused(s.post("/runs/wait", Map.of("assistant_id", "counter", "webhook", rx.url("/hook"))), 422,
          "webhooks are off");
      assertThat(rx.next(1)).isNull();
    }
  }

  @Test
  void urlsOutsideThePolicyAreRefusedWhenTheRunIsCreated() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, false)) {
      int p = rx.port();
      Map<String, String> refused = new java.util.LinkedHashMap<>();
      refused.put("http://127.0.0.1:" + p + "/hook", "host 127.0.0.1 resolves to 127.0.0.1, a loopback address (allowed only with --webhook-allow-private)");
      refused.put("http://localhost:" + p + "/hook", "a loopback address");
      refused.put("http://example.com/hook", "host example.com:80 is not in --webhook-allow");
      refused.put("http://127.0.0.1:" + (p == 65535 ? 1 : p + 1) + "/hook", "is not in --webhook-allow");
      refused.put("http://user@127.0.0.1:" + p + "/hook", "a URL with user info (user@host) is not called");
      refused.put("http://127.0.0.1:" + p + "@example.com/hook", "user info");
      refused.put("file:///etc/passwd", "only http and https URLs are called");
      refused.put("ftp://127.0.0.1:" + p + "/", "only http and https");
      refused.put("http:///nohost", "the URL has no host");
      refused.put("not a url", "not a URL");
      for (var e : refused.entrySet()) {
        CronRoutesTest.assertRefused(s.post("/runs", Map.of("assistant_id", "counter", "webhook", e.getKey())), 422, e.getValue());
        CronRoutesTest.assertRefused(s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "0 9 * * *",
            "webhook", e.getKey())), 422, e.getValue());
      }
      assertThat(s.post("/runs/crons/search", Map.of()).list()).isEmpty();
      assertThat(rx.next(1)).isNull();
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, true)) {
      s.post("/runs/wait", Map.of("assistant_id", "secret", "input", Map.of("key", "k"), "webhook", rx.url("/moved")));
      assertThat(rx.next(60).path()).isEqualTo("/moved");
      assertThat(rx.next(60).path()).as("the failed delivery is tried again, at the same URL").isEqualTo("/moved");
      assertThat(rx.hits.stream().map(WebhookReceiver.Hit::path)).doesNotContain("/hook");
    }
  }

  @Test
  void eachCronRunIsPostedToTheCronsWebhook() throws Exception {
    Instant t0 = Instant.parse("2026-03-02T10:00:30Z");
    try (WebhookReceiver rx = new WebhookReceiver(); TestServer s = server(rx, true, Clock.fixed(t0, ZoneOffset.UTC))) {
      Map<String, Object> cron = s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "*/5 * * * *",
          "input", Map.of("attempts", 99), "webhook", rx.url("/hook"))).map();
      for (String at : List.of("2026-03-02T10:05:00Z", "2026-03-02T10:10:00Z")) {
        List<ServerRun> fired = CronRoutesTest.tick(s, Instant.parse(at));
        CronRoutesTest.finished(fired.get(0));
        Map<String, Object> body = rx.next(60).json();
        assertThat(body).containsEntry("run_id", fired.get(0).runId()).containsEntry("status", "success");
        assertThat((Map<String, Object>) body.get("metadata")).containsEntry("cron_id", cron.get("cron_id"));
      }
      TestServer.Reply patched = s.send("PATCH", "/runs/crons/" + cron.get("cron_id"), "{\"webhook\": \"http://example.com/\"}");
      CronRoutesTest.assertRefused(patched, 422, "not in --webhook-allow");
    }
  }
}
