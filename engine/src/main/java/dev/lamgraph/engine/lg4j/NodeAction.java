package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.NodeFailure;
import dev.lamgraph.engine.exec.NodeTask;
import dev.lamgraph.engine.exec.RunDeadline;
import dev.lamgraph.engine.exec.StateLimits;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.RetrySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.action.AsyncNodeActionWithConfig;

/**
 * One of our nodes as a langgraph4j node action: runs {@code Node.run} with a {@link NodeContext}
 * over the (cloned, read-only) langgraph4j state, applying the node's retry and timeout policy and
 * the run's deadline as our executor does (a call still running when {@code limits.timeout}
 * passes is stopped and fails the run with kind {@code timeout}, never retried), then checks every update against its channel before handing it to
 * langgraph4j, so a type error names the node and nothing of the step is applied.
 */
final class NodeAction implements AsyncNodeActionWithConfig<LamState> {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lam-lg4j-node");
    t.setDaemon(true);
    return t;
  });

  private final CompiledNode node;
  private final Map<String, LamChannel> channels;
  private final LimitsSpec limits;

  NodeAction(CompiledNode node, Map<String, LamChannel> channels, LimitsSpec limits) {
    this.node = node;
    this.channels = channels;
    this.limits = limits;
  }

  @Override
  public CompletableFuture<Map<String, Object>> apply(LamState state, RunnableConfig config) {
    try {
      return CompletableFuture.completedFuture(run(state.data(), RunScope.of(config)));
    } catch (Lg4jNodeFailure f) {
      return CompletableFuture.failedFuture(f);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(
          new Lg4jNodeFailure(node.name(), "timeout", "node '" + node.name() + "' was interrupted", 1));
    }
  }

  /** How one attempt ended: a result, or a failure of some kind. */
  private record Attempt(NodeResult result, String kind, String message) {}

  private Map<String, Object> run(Map<String, Object> state, RunScope scope) throws InterruptedException {
    RetrySpec retry = node.spec().retry();
    int attempt = 1;
    while (true) {
      if (scope.deadline().passed()) throw outOfTime(scope, attempt);
      Attempt a = runOnce(new Ctx(scope, state, attempt));
      if (a.result() != null) return checked(a.result(), state, attempt);
      if (a.kind() == null) throw outOfTime(scope, attempt);
      boolean again = attempt < retry.maxAttempts() && retry.retries(a.kind()) && !"type_error".equals(a.kind());
      if (!again) throw new Lg4jNodeFailure(node.name(), a.kind(), a.message(), attempt);
      attempt++;
      long delay = retry.delayBefore(attempt).toNanos();
      TimeUnit.NANOSECONDS.sleep(Math.min(delay, Math.max(0, scope.deadline().remainingNanos())));
    }
  }

  private Lg4jNodeFailure outOfTime(RunScope scope, int attempt) {
    return new Lg4jNodeFailure(node.name(), "timeout", scope.deadline().message(node.name()), attempt);
  }

  /** One attempt, bounded by {@code min(node timeout, time left)}; stopped by the run's deadline: kind null. */
  private Attempt runOnce(Ctx ctx) throws InterruptedException {
    Duration timeout = node.spec().timeout();
    RunDeadline deadline = ctx.scope.deadline();
    if (timeout == null && !deadline.bounded()) return call(ctx);
    long left = deadline.remainingNanos();
    boolean runLimited = timeout == null || left < timeout.toNanos();
    NodeTask<Attempt> f = NodeTask.submit(POOL, () -> call(ctx));
    try {
      return f.get(runLimited ? Math.max(0, left) : timeout.toNanos());
    } catch (TimeoutException e) {
      ctx.cancelled = true;
      f.stop(NodeTask.GRACE);
      if (runLimited) return new Attempt(null, null, null);
      return new Attempt(null, "timeout", "node '" + node.name() + "' timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) throw err;
      return new Attempt(null, "error", String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      ctx.cancelled = true;
      f.stop(NodeTask.GRACE);
      throw e;
    }
  }

  private Attempt call(Ctx ctx) {
    try {
      NodeResult r = node.node().run(ctx);
      return new Attempt(r == null ? NodeResult.empty() : r, null, null);
    } catch (NodeFailure f) {
      return new Attempt(null, f.kind(), f.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(null, "timeout", "node '" + node.name() + "' was interrupted");
    } catch (Exception | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Attempt(null, "error", msg);
    }
  }

  private Map<String, Object> checked(NodeResult r, Map<String, Object> state, int attempt) {
    if (r.interrupt() != null) {
      throw new Lg4jNodeFailure(node.name(), "unsupported", "node '" + node.name()
          + "' asked for human input, which the langgraph4j backend does not support; run it with `lam run`", attempt);
    }
    for (var e : r.updates().entrySet()) {
      LamChannel c = channels.get(e.getKey());
      try {
        if (c == null) throw new StateTypeException(node.name(), e.getKey(), "a declared channel", "an undeclared channel");
        c.check(state.get(e.getKey()), e.getValue(), node.name());
      } catch (StateTypeException ex) {
        throw new Lg4jNodeFailure(node.name(), "type_error", ex.getMessage(), attempt);
      }
      // before langgraph4j applies it; what reducers accumulate is checked after each step (Lg4jRunner)
      String over = StateLimits.update(limits, e.getKey(), e.getValue());
      if (over != null) throw new Lg4jNodeFailure(node.name(), "limit", over, attempt);
    }
    return r.updates();
  }

  /** The {@link NodeContext} of one attempt. */
  private final class Ctx implements NodeContext {
    private final RunScope scope;
    private final Map<String, Object> state;
    private final int attempt;
    private final long step;
    volatile boolean cancelled;

    Ctx(RunScope scope, Map<String, Object> state, int attempt) {
      this.scope = scope;
      this.state = state;
      this.attempt = attempt;
      this.step = scope.step();
    }

    @Override
    public String threadId() {
      return scope.threadId();
    }

    @Override
    public String nodeName() {
      return node.name();
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    public Map<String, Object> state() {
      return state;
    }

    @Override
    public Map<String, Object> input() {
      return scope.input();
    }

    @Override
    public Optional<Object> resumeValue() {
      return Optional.empty();
    }

    @Override
    public void event(String kind, Map<String, Object> attributes) {
      scope.event(new Lg4jResult.Event(step, node.name(), kind, attributes));
    }

    @Override
    public boolean cancelled() {
      return cancelled || Thread.currentThread().isInterrupted();
    }
  }
}
