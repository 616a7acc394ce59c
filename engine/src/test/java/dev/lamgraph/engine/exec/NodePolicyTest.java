package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.MapBody;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one node policy both executors call ({@code StepRunner} and {@code lg4j.NodeAction}), driven
 * directly: attempts and backoff, exception to failure kind, the node timeout (retriable) against
 * the run's deadline (final), a refusing {@link NodePolicy.Check} (final), and the {@link
 * CallContext} each attempt sees.
 */
class NodePolicyTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** What one attempt does (the test's only kind of body). */
  private interface Attempt {
    NodeOutcome run(CallContext ctx) throws Exception;
  }

  private NodePolicy policy(Attempt attempt) {
    return new NodePolicy(pool, Clock.systemUTC(), new NodePolicy.Bodies() {
      @Override
      public NodeOutcome task(NodeBody.Task t, CallContext ctx) throws Exception {
        return attempt.run(ctx);
      }

      @Override
      public NodeOutcome map(MapBody m, CallContext ctx) {
        throw new AssertionError("no map here");
      }

      @Override
      public NodeOutcome subgraph(SubgraphBody s, CallContext ctx) {
        throw new AssertionError("no subgraph here");
      }
    });
  }

  /** A scope that writes what the policy reports to {@link #trace}. */
  private CallScope scope(RunDeadline deadline) {
    return new CallScope() {
      @Override
      public String threadId() {
        return "t";
      }

      @Override
      public long step() {
        return 4;
      }

      @Override
      public Map<String, Object> input() {
        return Map.of("q", 1);
      }

      @Override
      public RunDeadline deadline() {
        return deadline;
      }

      @Override
      public Optional<Object> resumeValue(String node) {
        return Optional.empty();
      }

      @Override
      public void nodeEvent(long step, String node, String kind, Map<String, Object> attributes) {
        trace.add("event " + kind + " " + node + "@" + step);
      }

      @Override
      public void trace(TraceEvent.Kind kind, String node, Map<String, Object> data) {
        trace.add(kind.id() + " " + node + " attempt=" + data.get("attempt")
            + (data.containsKey("kind") ? " kind=" + data.get("kind") : "")
            + (data.containsKey("delay_ms") ? " delay=" + data.get("delay_ms") : ""));
      }

      @Override
      public void attemptFailed(String node, int attempt, String message, boolean willRetry) {
        trace.add("failed " + node + "#" + attempt + " " + message + (willRetry ? " (retry)" : ""));
      }
    };
  }

  private static final CompiledGraph GRAPH = graph();

  private static CompiledGraph graph() {
    try {
      return JoinTest.compile("""
          name: policy
          state: { log: { type: list, reducer: append } }
          nodes:
            retried: { type: sleep, ms: 0, retry: { max_attempts: 3, backoff: { initial: 10ms, multiplier: 2, max: 1s } } }
            bounded: { type: sleep, ms: 0, timeout: 50ms }
            once: { type: sleep, ms: 0 }
          edges: [ { from: START, to: retried }, { from: retried, to: bounded }, { from: bounded, to: once },
                   { from: once, to: END } ]
          """);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private NodeOutcome call(Attempt attempt, String node, RunDeadline deadline, NodePolicy.Check check) throws Exception {
    return policy(attempt).call(scope(deadline), GRAPH.nodes().get(node), node, Map.of("log", List.of()), check);
  }

  @Test
  void failedAttemptsAreRetriedWithBackoffAndEachIsTraced() throws Exception {
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    NodeOutcome o = call(ctx -> {
      keys.add(ctx.idempotencyKey());
      ctx.event("tool_call", Map.of());
      if (ctx.attempt() < 3) throw new NodeFailure("error", "flaky " + ctx.attempt());
      return new NodeOutcome.Ok(ctx.nodeName(), NodeResult.of(Map.of("log", List.of("ok"))), 0);
    }, "retried", RunDeadline.NONE, null);

    assertThat(o).isInstanceOfSatisfying(NodeOutcome.Ok.class, ok -> {
      assertThat(ok.result().updates()).isEqualTo(Map.of("log", List.of("ok")));
      assertThat(ok.nanos()).isPositive(); // measured by the policy, not the body
    });
    assertThat(keys).containsExactly("t:4:retried:1", "t:4:retried:2", "t:4:retried:3");
    assertThat(trace).containsExactly(
        "node_started retried attempt=null", "event tool_call retried@4",
        "node_retry retried attempt=1 kind=error delay=10", "failed retried#1 flaky 1 (retry)",
        "node_started retried attempt=2", "event tool_call retried@4",
        "node_retry retried attempt=2 kind=error delay=20", "failed retried#2 flaky 2 (retry)",
        "node_started retried attempt=3", "event tool_call retried@4");
  }

  @Test
  void exceptionsBecomeFailureKindsAndAPauseIsHandedOnAsItIs() throws Exception {
    NodeOutcome own = call(ctx -> {
      throw new NodeFailure("quota", "no tokens left");
    }, "once", RunDeadline.NONE, null);
    assertThat(own).isEqualTo(new NodeOutcome.Failed("once", "quota", "no tokens left", 1));

    NodeOutcome thrown = call(ctx -> {
      throw new IllegalArgumentException("bad value");
    }, "once", RunDeadline.NONE, null);
    assertThat(thrown).isEqualTo(new NodeOutcome.Failed("once", "error", "IllegalArgumentException: bad value", 1));

    NodeOutcome bare = call(ctx -> {
      throw new UnsupportedOperationException();
    }, "once", RunDeadline.NONE, null);
    assertThat(bare).isEqualTo(new NodeOutcome.Failed("once", "error", "UnsupportedOperationException", 1));

    AtomicInteger calls = new AtomicInteger();
    NodeOutcome paused = call(ctx -> {
      calls.incrementAndGet();
      return NodePolicy.runTask(new NodeBody.Task(c -> NodeResult.interrupt("go on?", "{}")), ctx);
    }, "retried", RunDeadline.NONE, null);
    assertThat(paused).isInstanceOfSatisfying(NodeOutcome.Paused.class,
        p -> assertThat(p.interrupt().prompt()).isEqualTo("go on?"));
    assertThat(calls).hasValue(1); // a pause is not a failure: no retry
  }

  @Test
  void theNodeTimeoutStopsTheAttemptAndFailsWithKindTimeout() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    long t0 = System.nanoTime();
    NodeOutcome o = call(ctx -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        cancelled.set(ctx.cancelled());
        throw e;
      }
      return new NodeOutcome.Ok(ctx.nodeName(), NodeResult.empty(), 0);
    }, "bounded", RunDeadline.NONE, null);
    assertThat(o).isEqualTo(new NodeOutcome.Failed("bounded", "timeout", "node 'bounded' timed out after 50 ms", 1));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(cancelled).isTrue(); // stopped (interrupted, cancelled) and waited for, not abandoned
  }

  @Test
  void theRunsDeadlineStopsTheCallAndIsNeverRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RunDeadline deadline = RunDeadline.after(Duration.ofSeconds(1)); // time enough for the first call to start
    NodeOutcome o = call(ctx -> {
      calls.incrementAndGet();
      Thread.sleep(60_000);
      return new NodeOutcome.Ok(ctx.nodeName(), NodeResult.empty(), 0);
    }, "retried", deadline, null);
    assertThat(o).isEqualTo(new NodeOutcome.Failed("retried", NodePolicy.RUN_TIMEOUT, deadline.message("retried"), 1));
    assertThat(calls).hasValue(1); // max_attempts 3, but the run's time is up
    assertThat(trace).containsExactly("node_started retried attempt=null",
        "node_failed retried attempt=1 kind=run_timeout", "failed retried#1 " + deadline.message("retried"));

    trace.clear();
    NodeOutcome late = call(ctx -> {
      throw new AssertionError("not called once the run's time is up");
    }, "retried", RunDeadline.after(Duration.ZERO), null);
    assertThat(late).isInstanceOfSatisfying(NodeOutcome.Failed.class,
        f -> assertThat(f.kind()).isEqualTo(NodePolicy.RUN_TIMEOUT));
    assertThat(trace).containsExactly("node_failed retried attempt=1 kind=run_timeout");
  }

  @Test
  void aRefusingCheckIsFinalWhateverTheRetryPolicy() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    NodeOutcome o = call(ctx -> {
      calls.incrementAndGet();
      return new NodeOutcome.Ok(ctx.nodeName(), NodeResult.of(Map.of("log", List.of("x"))), 0);
    }, "retried", RunDeadline.NONE, (node, r, state, attempt) -> new NodeOutcome.Failed(node, "limit", "too big " + state.keySet(), attempt));
    assertThat(o).isEqualTo(new NodeOutcome.Failed("retried", "limit", "too big [log]", 1));
    assertThat(calls).hasValue(1);
  }
}
