package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NotRecordedException;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.RetrySpec;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a node is called, for both executors (ours and the langgraph4j backend): attempts under the
 * node's {@code retry} (backoff between them, never past the run's deadline), each bounded by
 * {@code min(node timeout, time left in the run)} and run on a {@link NodeTask} that is stopped
 * when its time is up; exceptions mapped to failure kinds ({@link NodeFailure}'s own kind,
 * {@code error}, {@code timeout}); every attempt traced through the {@link CallScope} ({@code
 * node_started} with its attempt number, then {@code node_retry} or {@code node_failed}).
 *
 * <p>A call still running when the run's time is up fails with {@link #RUN_TIMEOUT}: neither
 * retried nor routed to {@code on_error}, the run fails (kind {@code timeout}), resumable from
 * its last committed step. Neither is {@code type_error}
 * (all of {@link dev.lamgraph.engine.spec.FailureKinds#FINAL}).
 *
 * <pre>{@code
 * NodePolicy policy = new NodePolicy(pool, clock, bodies);   // bodies: how each NodeBody runs
 * NodeOutcome o = policy.call(scope, node, node.name(), scope.state(), null);
 * }</pre>
 */
public final class NodePolicy {
  /** The failure kind of a call stopped by the run's deadline (the run fails with kind {@code timeout}). */
  public static final String RUN_TIMEOUT = "run_timeout";

  /** How each kind of body runs in one attempt (a plugin node's is usually {@link #runTask}). */
  public interface Bodies extends NodeBody.Cases<CallContext, NodeOutcome, Exception> {}

  /**
   * Checks a successful result, against the state it was computed over, before it is handed on
   * (e.g. the langgraph4j backend's type and size checks); the failure it returns, if any, is
   * final: not retried.
   */
  @FunctionalInterface
  public interface Check {
    NodeOutcome.Failed check(String node, NodeResult result, Map<String, Object> state, int attempt);
  }

  private final ExecutorService pool;
  private final Clock clock;
  private final Bodies bodies;

  /** @param clock measures attempts ({@code duration_us}); the run's clock, fixed in golden tests */
  public NodePolicy(ExecutorService pool, Clock clock, Bodies bodies) {
    this.pool = pool;
    this.clock = clock;
    this.bodies = bodies;
  }

  /** A plugin node's attempt: {@code Node.run}; a null result is empty, an interrupt pauses. */
  public static NodeOutcome runTask(NodeBody.Task t, CallContext ctx) throws Exception {
    NodeResult r = t.node().run(ctx);
    if (r == null) r = NodeResult.empty();
    if (r.interrupt() != null) return new NodeOutcome.Paused(ctx.nodeName(), r.interrupt(), Map.of());
    return new NodeOutcome.Ok(ctx.nodeName(), r, 0);
  }

  /**
   * Runs task {@code name} (the node, or a map item) of {@code node} over {@code state} until it
   * succeeds, pauses, or fails for good.
   *
   * @param check applied to each successful result; null for none
   */
  public NodeOutcome call(CallScope scope, CompiledNode node, String name, Map<String, Object> state, Check check)
      throws InterruptedException {
    RetrySpec retry = node.spec().retry();
    int attempt = 1;
    while (true) {
      if (scope.deadline().passed()) return outOfTime(scope, name, attempt);
      Instant t0 = clock.instant();
      scope.trace(TraceEvent.Kind.NODE_STARTED, name, attempt > 1 ? Map.of("attempt", attempt) : Map.of());
      NodeOutcome o = attempt(scope, node, name, state, attempt);
      long nanos = Duration.between(t0, clock.instant()).toNanos();
      if (o instanceof NodeOutcome.Ok ok) {
        NodeOutcome.Failed refused = check == null ? null : check.check(name, ok.result(), state, attempt);
        return refused != null ? refused : new NodeOutcome.Ok(ok.node(), ok.result(), nanos);
      }
      if (!(o instanceof NodeOutcome.Failed f)) return o;
      boolean again = attempt < retry.maxAttempts() && retry.retries(f.kind()); // never FailureKinds.FINAL
      Map<String, Object> d = failure(attempt, f.kind(), f.message());
      d.put("duration_us", nanos / 1000);
      if (again) d.put("delay_ms", retry.delayBefore(attempt + 1).toMillis());
      scope.trace(again ? TraceEvent.Kind.NODE_RETRY : TraceEvent.Kind.NODE_FAILED, name, d);
      scope.attemptFailed(name, attempt, f.message(), again);
      if (!again) return new NodeOutcome.Failed(name, f.kind(), f.message(), attempt);
      attempt++;
      long delay = retry.delayBefore(attempt).toNanos();
      TimeUnit.NANOSECONDS.sleep(Math.min(delay, Math.max(0, scope.deadline().remainingNanos()))); // then out of time
    }
  }

  private static Map<String, Object> failure(int attempt, String kind, String message) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("attempt", attempt);
    d.put("kind", kind);
    d.put("error", message);
    return d;
  }

  private static NodeOutcome outOfTime(CallScope scope, String name, int attempt) {
    String message = scope.deadline().message(name);
    scope.trace(TraceEvent.Kind.NODE_FAILED, name, failure(attempt, RUN_TIMEOUT, message));
    return new NodeOutcome.Failed(name, RUN_TIMEOUT, message, attempt);
  }

  /** One attempt, on the caller's thread or, when time-bounded, on a {@link NodeTask} stopped when it is up. */
  private NodeOutcome attempt(CallScope scope, CompiledNode node, String name, Map<String, Object> state, int attempt)
      throws InterruptedException {
    Duration timeout = node.spec().timeout();
    RunDeadline deadline = scope.deadline();
    CallContext ctx = new CallContext(scope, name, state, attempt);
    if (timeout == null && !deadline.bounded()) return invoke(node, ctx);
    long left = deadline.remainingNanos();
    boolean runLimited = timeout == null || left < timeout.toNanos();
    NodeTask<NodeOutcome> f = NodeTask.submit(pool, () -> invoke(node, ctx));
    try {
      return f.get(runLimited ? Math.max(0, left) : timeout.toNanos());
    } catch (TimeoutException e) {
      ctx.cancel();
      f.stop(NodeTask.GRACE);
      if (runLimited) return new NodeOutcome.Failed(name, RUN_TIMEOUT, deadline.message(name), attempt);
      return new NodeOutcome.Failed(name, "timeout", "node '" + name + "' timed out after " + timeout.toMillis() + " ms",
          attempt);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) throw err; // as when called inline: the run stops uncommitted
      return new NodeOutcome.Failed(name, "error", String.valueOf(e.getCause()), attempt);
    } catch (InterruptedException e) { // e.g. the caller is a subgraph's child run and the parent's time is up
      ctx.cancel();
      f.stop(NodeTask.GRACE);
      throw e;
    }
  }

  /** Runs the body; what it throws becomes a failure of its kind. */
  private NodeOutcome invoke(CompiledNode node, CallContext ctx) {
    String name = ctx.nodeName();
    try {
      return node.body().match(bodies, ctx);
    } catch (NodeFailure f) {
      return new NodeOutcome.Failed(name, f.kind(), f.getMessage(), ctx.attempt());
    } catch (NotRecordedException e) {
      return new NodeOutcome.Failed(name, "not_recorded", e.getMessage(), ctx.attempt());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NodeOutcome.Failed(name, "timeout", "node '" + name + "' was interrupted", ctx.attempt());
    } catch (Exception | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new NodeOutcome.Failed(name, "error", msg, ctx.attempt());
    }
  }
}
