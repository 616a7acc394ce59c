package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class RunRoutesTest {
  @TempDir Path dir;

  @Test
  void streamsValuesAndUpdatesOfEachStepThenEnds() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> events = s.sse("POST", "/threads/" + t + "/runs/stream",
          Map.of("assistant_id", "counter", "stream_mode", List.of("values", "updates")), Map.of(), 10_000);
      assertThat(events.get(0).event()).isEqualTo("metadata");
      assertThat((Map<String, Object>) events.get(0).json()).containsEntry("thread_id", t).containsKey("run_id");
      assertThat(events.get(events.size() - 1).event()).isEqualTo("end");
      List<TestServer.Sse> updates = events.stream().filter(e -> e.event().equals("updates")).toList();
      assertThat(updates.get(0).json()).isEqualTo(Map.of("plan", Map.of("log", List.of("plan"), "notes", Map.of("goal", "count to 100"))));
      assertThat(updates).hasSize(1 + 100 * 2);
      List<TestServer.Sse> values = events.stream().filter(e -> e.event().equals("values")).toList();
      assertThat((Map<String, Object>) values.get(values.size() - 1).json()).containsEntry("attempts", 100L);
      assertThat(events.stream().filter(e -> !e.event().equals("metadata") && !e.event().equals("end")))
          .allSatisfy(e -> assertThat(e.id()).matches("[0-9]+\\.[0-9]+"));
      Map<String, Object> thread = s.get("/threads/" + t).map();
      assertThat(thread).containsEntry("status", "idle").containsEntry("lam_status", "done");
      assertThat(s.store.thread(t).orElseThrow().status()).isEqualTo(RunStatus.DONE);
    }
  }

  @Test
  void anInterruptIsAnsweredWithCommandResumeCheckedAgainstTheSchema() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of("metadata", Map.of("user", "ann"))).map().get("thread_id");
      Map<String, Object> paused = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "human-approval")).map();
      List<Map<String, Object>> interrupts = (List<Map<String, Object>>) paused.get("__interrupt__");
      assertThat((Map<String, Object>) interrupts.get(0).get("value")).containsEntry("node", "approve")
          .containsEntry("prompt", "Carry out this plan: [\"search\",\"summarize\"] (2 steps)?");
      Map<String, Object> state = s.get("/threads/" + t + "/state").map();
      assertThat(state.get("next")).isEqualTo(List.of("approve"));
      assertThat((List<Map<String, Object>>) state.get("tasks")).singleElement()
          .satisfies(task -> assertThat((List<?>) task.get("interrupts")).hasSize(1));
      assertThat(s.get("/threads/" + t).map()).containsEntry("status", "interrupted");
      assertThat(s.post("/threads/search", Map.of("metadata", Map.of("user", "ann"))).list()).hasSize(1);
      assertThat(s.post("/threads/search", Map.of("metadata", Map.of("user", "bob"))).list()).isEmpty();

      TestServer.Reply bad = s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("resume", Map.of("approved", "yes"))));
      assertThat(bad.status()).isEqualTo(422);
      assertThat((String) bad.map().get("detail")).contains("schema");
      Map<String, Object> done = s.post("/threads/" + t + "/runs/wait",
          Map.of("command", Map.of("resume", Map.of("approved", true)))).map();
      assertThat((List<Object>) done.get("log")).contains("acted on 2 steps");
      assertThat(s.store.thread(t).orElseThrow().status()).isEqualTo(RunStatus.DONE);
    }
  }

  @Test
  void cancelStopsARunAtAStepBoundaryAndTheThreadEndsCancelled() throws Exception {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      // 1,000 counts of 150 ms: still running when cancelled, however slow the machine
      Map<String, Object> run = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "slow", "input", Map.of("limit", 1000))).map();
      assertThat(run.get("status")).isIn("pending", "running");
      awaitCount(s, t, 1);
      TestServer.Reply busy = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "slow"));
      assertThat(busy.status()).isEqualTo(409);
      Map<String, Object> cancelled = s.post("/threads/" + t + "/runs/" + run.get("run_id") + "/cancel?wait=1", null).map();
      assertThat(cancelled).containsEntry("status", "interrupted");
      assertThat(s.store.thread(t).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      long n = ((Number) ((Map<String, Object>) s.get("/threads/" + t + "/state").map().get("values")).get("n")).longValue();
      assertThat(n).isBetween(1L, 999L);
    }
  }

  @Test
  void aDroppedStreamRejoinedWithLastEventIdGetsTheRestOnce() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> run = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "slow", "input", Map.of("limit", 6),
          "stream_mode", List.of("updates"))).map();
      String path = "/threads/" + t + "/runs/" + run.get("run_id") + "/stream";
      List<TestServer.Sse> first = s.sse("GET", path, null, Map.of(), 4);
      String last = first.get(first.size() - 1).id();
      assertThat(last).isNotNull();
      List<TestServer.Sse> rest = s.sse("GET", path, null, Map.of("Last-Event-ID", last), 10_000);
      assertThat(rest.get(0).event()).isEqualTo("metadata");
      assertThat(rest.get(rest.size() - 1).event()).isEqualTo("end");
      List<TestServer.Sse> all = new java.util.ArrayList<>(first.subList(1, first.size()));
      all.addAll(rest.subList(1, rest.size() - 1));
      assertThat(all).extracting(TestServer.Sse::id).doesNotHaveDuplicates();
      assertThat(all).extracting(e -> ((Map<String, Object>) e.json()).keySet().iterator().next())
          .containsExactly("tick", "wait", "tick", "wait", "tick", "wait", "tick", "wait", "tick", "wait", "tick", "wait");
    }
  }

  @Test
  void historyAndARunFromAPastCheckpoint() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter"));
      List<Map<String, Object>> history = s.post("/threads/" + t + "/history", Map.of("limit", 3)).list();
      assertThat(history).hasSize(3);
      assertThat(history).extracting(h -> ((Map<String, Object>) h.get("metadata")).get("step")).containsExactly(201L, 200L, 199L);
      List<Map<String, Object>> early = s.post("/threads/" + t + "/history", Map.of("limit", 300)).list();
      Map<String, Object> step3 = early.get(early.size() - 5); // ... 3, 2, 1, 0, the thread's root
      String cp = (String) ((Map<String, Object>) step3.get("checkpoint")).get("checkpoint_id");
      assertThat(s.get("/threads/" + t + "/state/" + cp).map().get("values")).isEqualTo(step3.get("values"));
      Map<String, Object> fork = s.post("/threads/" + t + "/runs/wait", Map.of("checkpoint_id", cp,
          "command", Map.of("update", Map.of("attempts", 98)))).map();
      assertThat(fork).containsEntry("attempts", 100L);
      assertThat((List<Object>) fork.get("log")).containsExactly("plan", 1L, 99L, 100L);
      Map<String, Object> head = s.get("/threads/" + t + "/state").map();
      assertThat(((Map<String, Object>) head.get("checkpoint")).get("thread_id")).isEqualTo(t);
      assertThat(s.get("/threads/" + t).map()).containsEntry("lam_thread", t + ":2");
    }
  }

  @Test
  void perRunInterruptBeforeAndAfterPauseTheThreadAndCommandResumeContinues() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> before = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter",
          "interrupt_before", List.of("review"))).map();
      assertThat(before).containsEntry("attempts", 1L).containsKey("__interrupt__");
      Map<String, Object> st = s.get("/threads/" + t + "/state").map();
      assertThat(st.get("next")).isEqualTo(List.of("review"));
      assertThat(s.store.thread(t).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
      Map<String, Object> after = s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("resume", Map.of()),
          "interrupt_after", List.of("tool"))).map();
      assertThat(after).containsEntry("attempts", 2L).containsKey("__interrupt__");
      Map<String, Object> done = s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("resume", Map.of()))).map();
      assertThat(done).containsEntry("attempts", 100L).doesNotContainKey("__interrupt__");
    }
  }

  @Test
  void multitaskEnqueueRunsAfterTheActiveRunAndInterruptContinuesFromWhereItStopped() throws Exception {
    GateType.workflow(dir, "enqueue");
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      // the first run waits at its gate, so it is still the thread's active run when the second comes
      Map<String, Object> first = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "gated", "input", Map.of("limit", 3))).map();
      Map<String, Object> queued = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "gated", "input", Map.of("limit", 5),
          "multitask_strategy", "enqueue")).map();
      assertThat(queued.get("status")).isEqualTo("pending");
      GateType.open("enqueue");
      Map<String, Object> end = s.get("/threads/" + t + "/runs/" + queued.get("run_id") + "/join").map();
      assertThat(end).containsEntry("n", 5L);
      assertThat(s.get("/threads/" + t + "/runs/" + first.get("run_id")).map()).containsEntry("status", "success");

      String u = (String) s.post("/threads", Map.of()).map().get("thread_id");
      // 1,000 counts of 150 ms: still running when interrupted, after two counts
      Map<String, Object> long1 = s.post("/threads/" + u + "/runs", Map.of("assistant_id", "slow", "input", Map.of("limit", 1000))).map();
      awaitCount(s, u, 2);
      Map<String, Object> next = s.post("/threads/" + u + "/runs", Map.of("assistant_id", "slow", "input", Map.of("limit", 2),
          "multitask_strategy", "interrupt")).map();
      Map<String, Object> out = s.get("/threads/" + u + "/runs/" + next.get("run_id") + "/join").map();
      assertThat(s.get("/threads/" + u + "/runs/" + long1.get("run_id")).map()).containsEntry("status", "interrupted");
      assertThat(((Number) out.get("n")).longValue()).isGreaterThan(2L).isLessThan(1000L); // went on from the interrupted state
      assertThat(s.get("/threads/" + u + "/runs").list()).hasSize(2);
      TestServer.Reply del = s.send("DELETE", "/threads/" + u, null);
      assertThat(del.status()).isEqualTo(204);
      assertThat(s.get("/threads/" + u).status()).isEqualTo(404);
    }
  }

  /** Waits (generously) until thread {@code t}'s count {@code n} has reached {@code at least}. */
  @SuppressWarnings("unchecked")
  static void awaitCount(TestServer s, String t, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (;;) {
      Object values = s.get("/threads/" + t + "/state").map().get("values");
      if (values instanceof Map<?, ?> v && v.get("n") instanceof Number n && n.longValue() >= atLeast) return;
      assertThat(System.nanoTime()).as("thread " + t + " counted to " + atLeast).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
