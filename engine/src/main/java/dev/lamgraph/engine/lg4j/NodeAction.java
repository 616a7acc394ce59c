package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.NodeFailure;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.RetrySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.action.AsyncNodeActionWithConfig;

/**
 * One of our nodes as a langgraph4j node action: runs {@code Node.run} with a {@link NodeContext}
 * over the (cloned, read-only) langgraph4j state, applying the node's retry and timeout policy as
 * our executor does, then checks every update against its channel before handing it to
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

  NodeAction(CompiledNode node, Map<String, LamChannel> channels) {
    this.node = node;
    this.channels = channels;
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
      Attempt a = runOnce(new Ctx(scope, state, attempt));
      if (a.result() != null) return checked(a.result(), state, attempt);
      boolean again = attempt < retry.maxAttempts() && retry.retries(a.kind()) && !"type_error".equals(a.kind());
      if (!again) throw new Lg4jNodeFailure(node.name(), a.kind(), a.message(), attempt);
      attempt++;
      Thread.sleep(retry.delayBefore(attempt).toMillis());
    }
  }

  private Attempt runOnce(Ctx ctx) throws InterruptedException {
    Duration timeout = node.spec().timeout();
    if (timeout == null) return call(ctx);
    Future<Attempt> f = POOL.submit(() -> call(ctx));
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      ctx.cancelled = true;
      f.cancel(true);
      return new Attempt(null, "timeout", "node '" + node.name() + "' timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return new Attempt(null, "error", String.valueOf(e.getCause()));
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
