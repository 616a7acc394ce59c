package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.MapNode;
import dev.lamgraph.engine.compile.SubgraphNode;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.RetrySpec;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the nodes of one super-step: concurrently when there are several, each with its timeout
 * and retry policy. Nodes only read the state; their updates are returned, not applied. Every
 * attempt is traced ({@code node_started} with its attempt number, then {@code node_retry} or
 * {@code node_failed} when it fails), and the delay before a retry follows the node's backoff.
 *
 * <p>Every call is bounded by the run's {@link RunDeadline} too: it waits at most {@code min(node
 * timeout, time left)}; a call still running when the run's time is up is stopped (interrupted,
 * its tool processes killed, see {@link NodeTask}) and fails with {@link #RUN_TIMEOUT}, which is
 * neither retried nor routed to {@code on_error}: the run fails, resumable from its last
 * committed step.
 */
final class StepRunner {
  /** The failure kind of a call stopped by the run's deadline (the run fails with kind {@code timeout}). */
  static final String RUN_TIMEOUT = "run_timeout";

  /** What one node produced in the step. */
  sealed interface Outcome permits Ok, Paused, Failed {
    String node();
  }

  record Ok(String node, NodeResult result, long nanos) implements Outcome {}

  /** @param detail extra pause detail (e.g. the child thread of a subgraph that paused) */
  record Paused(String node, NodeResult.Interrupt interrupt, Map<String, Object> detail) implements Outcome {}

  record Failed(String node, String kind, String message, int attempts) implements Outcome {}

  /** One unit of work: a node under a name (a map item is {@code m[2]}) over a view of the state. */
  record Task(CompiledNode node, String name, Map<String, Object> state) {}

  private final RunContext rc;
  private final EventBuffer events;
  private final MapRunner maps = new MapRunner(this);
  private final SubgraphRunner subgraphs;

  StepRunner(RunContext rc, EventBuffer events) {
    this.rc = rc;
    this.events = events;
    this.subgraphs = new SubgraphRunner(rc);
  }

  RunContext context() {
    return rc;
  }

  /**
   * Runs {@code nodes}; a node found in {@code pending} (it succeeded in this step before a sibling
   * paused the run) is not run again: its stored updates are its outcome.
   */
  List<Outcome> run(List<CompiledNode> nodes, StepScope scope, Map<String, Map<String, Object>> pending)
      throws InterruptedException {
    List<Outcome> out = new ArrayList<>(nodes.size());
    List<Integer> toRun = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Map<String, Object> kept = pending.get(nodes.get(i).name());
      out.add(kept == null ? null : new Ok(nodes.get(i).name(), NodeResult.of(kept), 0));
      if (kept == null) toRun.add(i);
    }
    if (toRun.size() == 1) {
      CompiledNode n = nodes.get(toRun.get(0));
      out.set(toRun.get(0), runWithRetry(new Task(n, n.name(), scope.state()), scope));
      return out;
    }
    List<NodeTask<Outcome>> futures = new ArrayList<>();
    for (int i : toRun) {
      CompiledNode n = nodes.get(i);
      futures.add(NodeTask.submit(rc.pool(), () -> runWithRetry(new Task(n, n.name(), scope.state()), scope)));
    }
    for (int k = 0; k < toRun.size(); k++) {
      int i = toRun.get(k);
      try {
        out.set(i, futures.get(k).get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error err) throw err; // as on the single-node path: the run stops uncommitted
        out.set(i, new Failed(nodes.get(i).name(), "error", String.valueOf(e.getCause()), 1));
      } catch (InterruptedException e) { // e.g. this is a subgraph's child run and the parent's time is up
        NodeTask.stopAll(futures, NodeTask.GRACE);
        throw e;
      }
    }
    return out;
  }

  /** Runs a task until it succeeds, pauses, or fails for good under its node's retry policy. */
  Outcome runWithRetry(Task t, StepScope scope) throws InterruptedException {
    RetrySpec retry = t.node().spec().retry();
    int attempt = 1;
    while (true) {
      if (scope.deadline().passed()) return outOfTime(t, scope, attempt);
      java.time.Instant t0 = rc.options().clock().instant();
      events.add(scope.step(), TraceEvent.Kind.NODE_STARTED, t.name(), attempt > 1 ? Map.of("attempt", attempt) : Map.of());
      Outcome o = runOnce(t, scope, attempt);
      long nanos = Duration.between(t0, rc.options().clock().instant()).toNanos();
      if (o instanceof Ok ok) return new Ok(ok.node(), ok.result(), nanos);
      if (!(o instanceof Failed f)) return o;
      boolean again = attempt < retry.maxAttempts() && retry.retries(f.kind()) && !"type_error".equals(f.kind())
          && !RUN_TIMEOUT.equals(f.kind());
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("attempt", attempt);
      d.put("kind", f.kind());
      d.put("error", f.message());
      d.put("duration_us", nanos / 1000);
      if (again) d.put("delay_ms", retry.delayBefore(attempt + 1).toMillis());
      events.add(scope.step(), again ? TraceEvent.Kind.NODE_RETRY : TraceEvent.Kind.NODE_FAILED, t.name(), d);
      rc.options().listener().nodeFailed(scope.step(), t.name(), attempt, f.message(), again);
      if (!again) return new Failed(t.name(), f.kind(), f.message(), attempt);
      attempt++;
      long delay = retry.delayBefore(attempt).toNanos();
      TimeUnit.NANOSECONDS.sleep(Math.min(delay, Math.max(0, scope.deadline().remainingNanos()))); // then out of time
    }
  }

  private Outcome outOfTime(Task t, StepScope scope, int attempt) {
    String message = scope.deadline().message(t.name());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("attempt", attempt);
    d.put("kind", RUN_TIMEOUT);
    d.put("error", message);
    events.add(scope.step(), TraceEvent.Kind.NODE_FAILED, t.name(), d);
    return new Failed(t.name(), RUN_TIMEOUT, message, attempt);
  }

  private Outcome runOnce(Task t, StepScope scope, int attempt) throws InterruptedException {
    Duration timeout = t.node().spec().timeout();
    StepScope.Ctx ctx = scope.context(t.name(), t.state(), attempt);
    long left = scope.deadline().remainingNanos();
    if (timeout == null && !scope.deadline().bounded()) return call(t, ctx, scope);
    boolean runLimited = timeout == null || left < timeout.toNanos();
    NodeTask<Outcome> f = NodeTask.submit(rc.pool(), () -> call(t, ctx, scope));
    try {
      return f.get(runLimited ? Math.max(0, left) : timeout.toNanos());
    } catch (TimeoutException e) {
      ctx.cancel();
      f.stop(NodeTask.GRACE);
      if (runLimited) return new Failed(t.name(), RUN_TIMEOUT, scope.deadline().message(t.name()), attempt);
      return new Failed(t.name(), "timeout", "node '" + t.name() + "' timed out after " + timeout.toMillis() + " ms", attempt);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) throw err; // as when called inline: the run stops uncommitted
      return new Failed(t.name(), "error", String.valueOf(e.getCause()), attempt);
    } catch (InterruptedException e) {
      ctx.cancel();
      f.stop(NodeTask.GRACE);
      throw e;
    }
  }

  private Outcome call(Task t, StepScope.Ctx ctx, StepScope scope) {
    try {
      if (t.node().node() instanceof MapNode) return maps.run(t, scope);
      if (t.node().node() instanceof SubgraphNode) return subgraphs.run(t, scope, ctx.attempt());
      NodeResult r = t.node().node().run(ctx);
      if (r == null) r = NodeResult.empty();
      if (r.interrupt() != null) return new Paused(t.name(), r.interrupt(), Map.of());
      return new Ok(t.name(), r, 0);
    } catch (NodeFailure f) {
      return new Failed(t.name(), f.kind(), f.getMessage(), ctx.attempt());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed(t.name(), "timeout", "node '" + t.name() + "' was interrupted", ctx.attempt());
    } catch (Exception | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Failed(t.name(), "error", msg, ctx.attempt());
    }
  }
}
