package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.server.runs.ServerRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crons over HTTP with a clock that stands still at {@link #T0} (the server's ticker never finds a
 * cron due), fired by calling {@code CronService.tick} at chosen instants.
 */
@SuppressWarnings("unchecked")
class CronRoutesTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:30Z");

  @TempDir Path dir;

  static TestServer server(Path dir, String storeUrl, Instant now) {
    return new TestServer(dir, ServerOptions.defaults(), storeUrl, Map.of(), Clock.fixed(now, ZoneOffset.UTC));
  }

  static List<ServerRun> tick(TestServer s, Instant at) {
    return s.server.context().crons().tick(at);
  }

  static Map<String, Object> finished(ServerRun r) {
    try {
      return r.outcome().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError("run " + r.runId() + " did not finish", e);
    }
  }

  @Test
  void aThreadCronFiresEachSlotOnceAndMissedSlotsOnce() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> cron = s.post("/threads/" + t + "/runs/crons", Map.of("assistant_id", "counter", "schedule", "*/5 * * * *",
          "input", Map.of("attempts", 95), "metadata", Map.of("team", "a"))).map();
      assertThat(cron).containsEntry("thread_id", t).containsEntry("schedule", "*/5 * * * *")
          .containsEntry("next_run_date", "2026-03-02T10:05:00Z").containsEntry("enabled", true)
          .containsEntry("metadata", Map.of("team", "a")).containsKey("cron_id").containsKey("created_at");
      assertThat((Map<String, Object>) cron.get("payload")).containsEntry("input", Map.of("attempts", 95L));
      String id = (String) cron.get("cron_id");

      assertThat(tick(s, Instant.parse("2026-03-02T10:04:59Z"))).isEmpty();
      List<ServerRun> fired = tick(s, Instant.parse("2026-03-02T10:05:00Z"));
      assertThat(fired).singleElement().satisfies(r -> assertThat(r.threadId()).isEqualTo(t));
      assertThat(finished(fired.get(0))).containsEntry("attempts", 100L);
      assertThat(tick(s, Instant.parse("2026-03-02T10:05:00Z"))).isEmpty();
      assertThat(s.get("/threads/" + t + "/runs").list()).singleElement()
          .satisfies(r -> assertThat((Map<String, Object>) r.get("metadata")).containsEntry("cron_id", id).containsEntry("team", "a"));

      // 10:10, 10:15 and 10:20 were missed: one run, and the next slot is after now
      List<ServerRun> late = tick(s, Instant.parse("2026-03-02T10:22:00Z"));
      assertThat(late).hasSize(1);
      finished(late.get(0));
      assertThat(search(s, Map.of()).get(0)).containsEntry("next_run_date", "2026-03-02T10:25:00Z");
      assertThat(s.get("/threads/" + t + "/runs").list()).hasSize(2);
    }
  }

  @Test
  void aStatelessCronRunsOnANewThreadEachTime() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      Map<String, Object> keep = s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "0 * * * *",
          "input", Map.of("attempts", 98), "on_run_completed", "keep")).map();
      assertThat(keep).containsEntry("thread_id", null).containsEntry("on_run_completed", "keep")
          .containsEntry("next_run_date", "2026-03-02T11:00:00Z");
      String keepId = (String) keep.get("cron_id");
      String dropId = (String) s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "0 * * * *",
          "input", Map.of("attempts", 99))).map().get("cron_id");
      List<ServerRun> first = tick(s, Instant.parse("2026-03-02T11:00:00Z"));
      List<ServerRun> second = tick(s, Instant.parse("2026-03-02T12:00:00Z"));
      assertThat(first).hasSize(2);
      assertThat(second).hasSize(2);
      for (ServerRun r : first) finished(r);
      for (ServerRun r : second) finished(r);
      List<Map<String, Object>> kept = s.post("/threads/search", Map.of("metadata", Map.of("cron_id", keepId))).list();
      assertThat(kept).hasSize(2).allSatisfy(th -> assertThat((Map<String, Object>) th.get("values")).containsEntry("attempts", 100L));
      awaitGone(s, dropId);
    }
  }

  /** on_run_completed delete (the default): the thread of each run is deleted once it finished. */
  private static void awaitGone(TestServer s, String cronId) {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!s.post("/threads/search", Map.of("metadata", Map.of("cron_id", cronId))).list().isEmpty()) {
      assertThat(System.nanoTime()).as("threads of cron " + cronId + " deleted").isLessThan(until);
      sleep(20);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<Map<String, Object>> search(TestServer s, Map<String, Object> body) {
    TestServer.Reply r = s.post("/runs/crons/search", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.list();
  }

  @Test
  void searchCountPatchAndDelete() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      String a = (String) s.post("/threads/" + t + "/runs/crons", Map.of("assistant_id", "counter", "schedule", "0 9 * * *")).map().get("cron_id");
      String b = (String) s.post("/runs/crons", Map.of("assistant_id", "slow", "schedule", "0 10 * * *", "metadata", Map.of("k", "v"))).map().get("cron_id");
      assertThat(search(s, Map.of())).extracting(c -> c.get("cron_id")).containsExactlyInAnyOrder(a, b);
      assertThat(search(s, Map.of("thread_id", t))).extracting(c -> c.get("cron_id")).containsExactly(a);
      assertThat(search(s, Map.of("assistant_id", "slow"))).extracting(c -> c.get("cron_id")).containsExactly(b);
      assertThat(search(s, Map.of("metadata", Map.of("k", "v")))).extracting(c -> c.get("cron_id")).containsExactly(b);
      assertThat(search(s, Map.of("sort_by", "next_run_date", "sort_order", "asc", "limit", 1, "select", List.of("cron_id"))))
          .containsExactly(Map.of("cron_id", a));
      assertThat(s.post("/runs/crons/count", Map.of("assistant_id", "counter")).json()).isEqualTo(1L);

      TestServer.Reply off = s.send("PATCH", "/runs/crons/" + a, "{\"enabled\": false}");
      assertThat(off.map()).containsEntry("enabled", false).containsEntry("next_run_date", null);
      assertThat(tick(s, Instant.parse("2026-03-03T09:00:00Z"))).isEmpty();
      Map<String, Object> on = s.send("PATCH", "/runs/crons/" + a,
          "{\"enabled\": true, \"schedule\": \"30 10 * * *\", \"input\": {\"attempts\": 99}}").map();
      assertThat(on).containsEntry("next_run_date", "2026-03-02T10:30:00Z").containsEntry("schedule", "30 10 * * *");
      assertThat((Map<String, Object>) on.get("payload")).containsEntry("input", Map.of("attempts", 99L));

      Map<String, Object> ending = s.send("PATCH", "/runs/crons/" + b, "{\"end_time\": \"2026-03-03T09:00:00Z\"}").map();
      assertThat(ending).containsEntry("next_run_date", null).containsEntry("end_time", "2026-03-03T09:00:00Z");

      assertThat(s.send("DELETE", "/runs/crons/" + a, null).status()).isEqualTo(204);
      assertThat(s.send("DELETE", "/runs/crons/" + a, null).status()).isEqualTo(404);
      assertThat(s.send("PATCH", "/runs/crons/" + a, "{}").status()).isEqualTo(404);
      assertThat(search(s, Map.of())).extracting(c -> c.get("cron_id")).containsExactly(b);
    }
  }

  @Test
  void badCronsAreRefusedWithOneLine() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> ok = Map.of("assistant_id", "counter", "schedule", "0 9 * * *");
      assertRefused(s.post("/runs/crons", with(ok, "schedule", "61 * * * *")), 422, "bad schedule: minute 61 is out of range 0-59");
      assertRefused(s.post("/runs/crons", with(ok, "schedule", "* * *")), 422, "bad schedule: a schedule has 5 fields");
      assertRefused(s.post("/runs/crons", with(ok, "schedule", null)), 422, "schedule is required");
      assertRefused(s.post("/runs/crons", with(ok, "assistant_id", "nope")), 404, "assistant 'nope' not found");
      assertRefused(s.post("/runs/crons", with(ok, "timezone", "Mars/Olympus")), 422, "unknown timezone 'Mars/Olympus'");
      assertRefused(s.post("/runs/crons", with(ok, "end_time", "tomorrow")), 422, "end_time must be an ISO 8601");
      assertRefused(s.post("/runs/crons", with(ok, "webhook", "http://x")), 422, "webhook refused: webhooks are off");
      assertRefused(s.post("/runs/crons", with(ok, "input", List.of(1))), 422, "input must be a JSON object");
      assertRefused(s.post("/runs/crons", with(ok, "multitask_strategy", "later")), 422, "multitask_strategy must be one of");
      assertRefused(s.post("/threads/" + t + "/runs/crons", with(ok, "on_run_completed", "keep")), 422, "stateless crons");
      assertRefused(s.post("/threads/nope/runs/crons", ok), 404, "thread 'nope' not found");
      assertRefused(s.send("PATCH", "/runs/crons/x", "{\"schedule\": \"x\"}"), 404, "cron 'x' not found");
      assertThat(search(s, Map.of())).isEmpty();
    }
  }

  @Test
  void aBusyThreadFollowsTheCronsMultitaskStrategy() throws Exception {
    TestServer.copyFixtures(dir);
    GateType.workflow(dir, "busy"); // the first run waits at its gate: the thread is busy until the test opens it
    try (TestServer s = server(dir, "memory:", T0)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      s.post("/threads/" + t + "/runs/crons", Map.of("assistant_id", "gated", "schedule", "* * * * *", "input", Map.of("limit", 10)));
      List<ServerRun> first = tick(s, Instant.parse("2026-03-02T10:01:00Z"));
      assertThat(first).hasSize(1);
      assertThat(tick(s, Instant.parse("2026-03-02T10:02:00Z"))).as("reject: the thread is busy").isEmpty();
      String id = (String) search(s, Map.of()).get(0).get("cron_id");
      s.send("PATCH", "/runs/crons/" + id, "{\"multitask_strategy\": \"enqueue\"}");
      List<ServerRun> queued = tick(s, Instant.parse("2026-03-02T10:03:00Z"));
      assertThat(queued).hasSize(1);
      assertThat(queued.get(0).status()).as("queued behind the busy run").isEqualTo("pending");
      GateType.open("busy");
      finished(first.get(0));
      // the queued run continues the thread the first one finished (n = limit = 10): one more count
      assertThat(finished(queued.get(0))).containsEntry("n", 11L);
    }
  }

  @Test
  void aCronOfADeletedThreadIsDeleted() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      String u = (String) s.post("/threads", Map.of()).map().get("thread_id");
      s.post("/threads/" + t + "/runs/crons", Map.of("assistant_id", "counter", "schedule", "* * * * *"));
      s.post("/threads/" + u + "/runs/crons", Map.of("assistant_id", "counter", "schedule", "* * * * *"));
      s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "0 0 1 1 *"));
      assertThat(s.send("DELETE", "/threads/" + t, null).status()).isEqualTo(204);
      assertThat(search(s, Map.of())).extracting(c -> c.get("thread_id")).containsExactlyInAnyOrder(u, null);
      // a thread deleted another way (lam prune, another server): its cron goes at its next slot
      s.server.context().runs().delete(u);
      assertThat(tick(s, Instant.parse("2026-03-02T10:01:00Z"))).isEmpty();
      assertThat(search(s, Map.of())).extracting(c -> c.get("thread_id")).containsExactly((Object) null);
    }
  }

  @Test
  void aBatchStartsEveryRunOrNone() {
    TestServer.copyFixtures(dir);
    try (TestServer s = server(dir, "memory:", T0)) {
      TestServer.Reply r = s.post("/runs/batch", List.of(Map.of("assistant_id", "counter", "input", Map.of("attempts", 99)),
          Map.of("assistant_id", "slow", "input", Map.of("limit", 1), "on_completion", "keep")));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.list()).hasSize(2).allSatisfy(run -> assertThat(run).containsKeys("run_id", "thread_id", "status"));
      String kept = (String) r.list().get(1).get("thread_id");
      for (Map<String, Object> run : r.list()) {
        s.get("/threads/" + run.get("thread_id") + "/runs/" + run.get("run_id") + "/join");
      }
      assertThat((Map<String, Object>) s.get("/threads/" + kept).map().get("values")).containsEntry("n", 1L);
      int threads = s.post("/threads/search", Map.of()).list().size();
      assertRefused(s.post("/runs/batch", List.of(Map.of("assistant_id", "counter"), Map.of("assistant_id", "nope"))), 404,
          "run 1 of the batch: assistant 'nope' not found");
      assertRefused(s.post("/runs/batch", List.of(Map.of("assistant_id", "counter"), 3)), 422, "run 1 of the batch is not a JSON object");
      assertRefused(s.post("/runs/batch", Map.of("assistant_id", "counter")), 422, "the request body must be a JSON array");
      assertThat(s.post("/threads/search", Map.of()).list()).hasSize(threads);
    }
  }

  @Test
  void cronsAndBatchesNeedTheToken() {
    TestServer.copyFixtures(dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of(),
        Clock.fixed(T0, ZoneOffset.UTC))) {
      s.token = null;
      assertThat(s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "* * * * *")).status()).isEqualTo(401);
      assertThat(s.post("/runs/crons/search", Map.of()).status()).isEqualTo(401);
      assertThat(s.send("DELETE", "/runs/crons/x", null).status()).isEqualTo(401);
      assertThat(s.post("/runs/batch", List.of(Map.of("assistant_id", "counter"))).status()).isEqualTo(401);
      s.token = "s3cret-token";
      assertThat(s.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "* * * * *")).status()).isEqualTo(200);
    }
  }

  static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return out;
  }

  static void assertRefused(TestServer.Reply r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat((String) r.map().get("detail")).contains(detail).doesNotContain("\n").doesNotContain("Exception");
  }
}
