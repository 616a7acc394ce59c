package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.RetrySpec;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the nodes of one super-step: concurrently when there are several, each with its timeout
 * and retry policy. Nodes only read the state; their updates are returned, not applied.
 */
final class StepRunner {
  /** What one node produced in the step. */
  sealed interface Outcome permits Ok, Paused, Failed {
    String node();
  }

  record Ok(String node, NodeResult result, long nanos) implements Outcome {}

  record Paused(String node, NodeResult.Interrupt interrupt) implements Outcome {}

  record Failed(String node, String kind, String message, int attempts) implements Outcome {}

  private final ExecutorService pool;
  private final EventBuffer events;
  private final RunListener listener;

  private final java.time.Clock clock;

  StepRunner(ExecutorService pool, EventBuffer events, RunListener listener, java.time.Clock clock) {
    this.clock = clock;
    this.pool = pool;
    this.events = events;
    this.listener = listener;
  }

  List<Outcome> run(List<CompiledNode> nodes, StepScope scope) throws InterruptedException {
    if (nodes.size() == 1) return List.of(runWithRetry(nodes.get(0), scope));
    List<Future<Outcome>> futures = new ArrayList<>();
    for (CompiledNode n : nodes) futures.add(pool.submit(() -> runWithRetry(n, scope)));
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        out.add(futures.get(i).get());
      } catch (ExecutionException e) {
        out.add(new Failed(nodes.get(i).name(), "error", String.valueOf(e.getCause()), 1));
      }
    }
    return out;
  }

  private Outcome runWithRetry(CompiledNode n, StepScope scope) throws InterruptedException {
    RetrySpec retry = n.spec().retry();
    int attempt = 1;
    while (true) {
      java.time.Instant t0 = clock.instant();
      events.add(scope.step(), TraceEvent.Kind.NODE_STARTED, n.name(), attempt > 1 ? Map.of("attempt", attempt) : Map.of());
      Outcome o = runOnce(n, scope, attempt);
      long nanos = java.time.Duration.between(t0, clock.instant()).toNanos();
      if (o instanceof Ok ok) return new Ok(ok.node(), ok.result(), nanos);
      if (!(o instanceof Failed f)) return o;
      boolean again = attempt < retry.maxAttempts() && retry.retries(f.kind()) && !"type_error".equals(f.kind());
      events.add(scope.step(), again ? TraceEvent.Kind.NODE_RETRY : TraceEvent.Kind.NODE_FAILED, n.name(),
          Map.of("attempt", attempt, "kind", f.kind(), "error", f.message(), "duration_us", nanos / 1000));
      listener.nodeFailed(scope.step(), n.name(), attempt, f.message(), again);
      if (!again) return new Failed(f.node(), f.kind(), f.message(), attempt);
      attempt++;
      Thread.sleep(retry.delayBefore(attempt).toMillis());
    }
  }

  private Outcome runOnce(CompiledNode n, StepScope scope, int attempt) throws InterruptedException {
    Duration timeout = n.spec().timeout();
    StepScope.Ctx ctx = scope.context(n.name(), attempt);
    if (timeout == null) return call(n, ctx);
    Future<Outcome> f = pool.submit(() -> call(n, ctx));
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      ctx.cancel();
      f.cancel(true);
      return new Failed(n.name(), "timeout", "node '" + n.name() + "' timed out after " + timeout.toMillis() + " ms", attempt);
    } catch (ExecutionException e) {
      return new Failed(n.name(), "error", String.valueOf(e.getCause()), attempt);
    }
  }

  private static Outcome call(CompiledNode n, StepScope.Ctx ctx) {
    try {
      NodeResult r = n.node().run(ctx);
      if (r == null) r = NodeResult.empty();
      if (r.interrupt() != null) return new Paused(n.name(), r.interrupt());
      return new Ok(n.name(), r, 0);
    } catch (NodeFailure f) {
      return new Failed(n.name(), f.kind(), f.getMessage(), ctx.attempt());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed(n.name(), "timeout", "node '" + n.name() + "' was interrupted", ctx.attempt());
    } catch (Exception | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Failed(n.name(), "error", msg, ctx.attempt());
    }
  }

}
