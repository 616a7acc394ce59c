package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries, backoff, retry filters, timeouts, and what a crash may repeat: a committed step never
 * runs again; an uncommitted one runs again with the same idempotency keys.
 */
class ReliabilityTest {
  private final MemoryStore store = new MemoryStore();

  private RunResult run(String nodeA, String thread) throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          a: %s
        edges: [ { from: START, to: a }, { from: a, to: END } ]
        """.formatted(nodeA));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      return runs.start(g, thread, Map.of());
    }
  }

  /** The thread's events of these kinds, their data as JSON reads it back (numbers as Long, as a durable store gives them). */
  private List<TraceEvent> events(String thread, String... kinds) {
    return store.events(thread).stream().filter(e -> List.of(kinds).contains(e.kind()))
        .map(e -> new TraceEvent(e.seq(), e.thread(), e.step(), e.kind(), e.node(), e.time(), Json.readMap(Json.write(e.data()))))
        .toList();
  }

  @Test
  void everyAttemptIsTracedAndTheBackoffIsHonoured() throws Exception {
    RunResult r = run("{ type: flaky, times: 2, out: { log: [a] }, retry: { max_attempts: 3, "
        + "backoff: { initial: 150ms, multiplier: 2, max: 1s } } }", "backoff");
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    List<TraceEvent> evs = events("backoff", "node_started", "node_retry", "node_succeeded");
    assertThat(evs).extracting(TraceEvent::kind)
        .containsExactly("node_started", "node_retry", "node_started", "node_retry", "node_started", "node_succeeded");
    assertThat(evs.get(1).data()).containsEntry("attempt", 1L).containsEntry("kind", "error").containsEntry("delay_ms", 150L);
    assertThat(evs.get(2).data()).containsEntry("attempt", 2L);
    assertThat(evs.get(3).data()).containsEntry("attempt", 2L).containsEntry("delay_ms", 300L);
    assertThat(evs.get(4).data()).containsEntry("attempt", 3L);
    // the next attempt starts no sooner than the backoff allows (a lower bound: sleeping never ends early)
    assertThat(Duration.between(evs.get(1).time(), evs.get(2).time())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.between(evs.get(3).time(), evs.get(4).time())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(TestTypes.calls("backoff"))
        .containsExactly("a@1#1 key=backoff:1:a:1", "a@1#2 key=backoff:1:a:2", "a@1#3 key=backoff:1:a:3");
  }

  @Test
  void aNodeThatFailsEveryAttemptFailsTheRunAfterTheLast() throws Exception {
    RunResult r = run("{ type: flaky, times: 9, retry: { max_attempts: 2, backoff: { initial: 1ms } } }", "t");
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("node", "a").containsEntry("kind", "error");
    assertThat(events("t", "node_retry", "node_failed")).extracting(e -> e.kind() + " " + e.data().get("attempt"))
        .containsExactly("node_retry 1", "node_failed 2");
  }

  @Test
  void retryOnFiltersByFailureKind() throws Exception {
    RunResult error = run("{ type: flaky, times: 1, retry: { max_attempts: 3, on: [timeout] } }", "error");
    assertThat(error.detail()).containsEntry("kind", "error");
    assertThat(TestTypes.calls("error")).hasSize(1); // an error is not retried when only timeouts are

    RunResult timeout = run("{ type: sleep, ms: 2000, timeout: 50ms, retry: { max_attempts: 2, on: [timeout], "
        + "backoff: { initial: 1ms } } }", "timeout");
    assertThat(timeout.detail()).containsEntry("kind", "timeout");
    assertThat((String) timeout.detail().get("message")).isEqualTo("node 'a' timed out after 50 ms");
    assertThat(events("timeout", "node_retry", "node_failed")).extracting(e -> e.kind() + " " + e.data().get("kind"))
        .containsExactly("node_retry timeout", "node_failed timeout");

    run("{ type: sleep, ms: 2000, timeout: 50ms, retry: { max_attempts: 3, on: [error] } }", "not-retried");
    assertThat(TestTypes.calls("not-retried")).hasSize(1);
  }

  @Test
  void theRunLevelTimeoutStopsARunBetweenSteps() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { n: { type: integer, reducer: add, default: 0 } }
        nodes: { tick: { type: sleep, ms: 100, out: { n: 1 } } }
        edges: [ { from: START, to: tick }, { from: tick, when: [ { if: "state.n < 100", to: tick } ], else: END } ]
        limits: { max_steps: 200, timeout: 350ms }
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.detail()).containsEntry("kind", "timeout");
      // between steps, or (more likely: each step sleeps 100 ms) inside the step running when the time is up
      assertThat((String) r.detail().get("message")).startsWith("run exceeded limits.timeout (350ms)");
      assertThat(r.steps()).isBetween(1L, 10L);
      assertThat(r.state().get("n")).isEqualTo(r.steps()); // every committed step is kept
    }
  }

  @Test
  void aCommittedStepIsNeverRunAgainAndAnUncommittedOneRunsAgainWithTheSameKeys() throws Exception {
    String yaml = """
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          pay:    { type: sleep, ms: 1, out: { log: [paid] } }
          notify: { type: crash, out: { log: [notified] } }
        edges: [ { from: START, to: pay }, { from: pay, to: notify }, { from: notify, to: END } ]
        """;
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(JoinTest.compile(yaml), "side", Map.of()))
          .isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    try (Runs runs = new Runs(store, RunOptions.defaults().withOwner("after-restart"))) {
      RunResult r = runs.resume(JoinTest.compile(yaml), "side", Map.of());
      assertThat(r.state().get("log")).isEqualTo(List.of("paid", "notified"));
    }
    assertThat(TestTypes.calls("side")).containsExactly(
        "pay@1#1 key=side:1:pay:1",         // committed with step 1: not run again on resume
        "notify@2#1 key=side:2:notify:1",   // the crash: step 2 never committed...
        "notify@2#1 key=side:2:notify:1");  // ...so it runs again, with the same idempotency key
  }
}
