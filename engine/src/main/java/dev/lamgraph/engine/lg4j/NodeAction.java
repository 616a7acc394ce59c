package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.MapBody;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.exec.CallContext;
import dev.lamgraph.engine.exec.NodeOutcome;
import dev.lamgraph.engine.exec.NodePolicy;
import dev.lamgraph.engine.exec.StateLimits;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.LimitsSpec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.action.AsyncNodeActionWithConfig;

/**
 * One of our nodes as a langgraph4j node action: calls it under the same {@link NodePolicy} as our
 * executor (retry, backoff, timeout, the run's deadline: a call still running when {@code
 * limits.timeout} passes is stopped and fails the run with kind {@code timeout}, never retried),
 * over the (cloned, read-only) langgraph4j state, then checks every update against its channel
 * and the state limits before handing it to langgraph4j, so a type error names the node and
 * nothing of the step is applied. A node that asks for input fails with kind {@code unsupported}.
 */
final class NodeAction implements AsyncNodeActionWithConfig<LamState>, NodePolicy.Check {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lam-lg4j-node");
    t.setDaemon(true);
    return t;
  });

  /**
   * A plugin node's result is handed on as it is, an interrupt included ({@link #check} refuses
   * it, not retried). Converted graphs have no control nodes: {@link Lg4jGraphs#gaps} refuses them.
   */
  private static final NodePolicy POLICY = new NodePolicy(POOL, Clock.systemUTC(), new NodePolicy.Bodies() {
    @Override
    public NodeOutcome task(NodeBody.Task t, CallContext ctx) throws Exception {
      NodeResult r = t.node().run(ctx);
      return new NodeOutcome.Ok(ctx.nodeName(), r == null ? NodeResult.empty() : r, 0);
    }

    @Override
    public NodeOutcome map(MapBody m, CallContext ctx) {
      throw new IllegalStateException("map node '" + ctx.nodeName() + "' is run by the lamgraph executor");
    }

    @Override
    public NodeOutcome subgraph(SubgraphBody s, CallContext ctx) {
      throw new IllegalStateException("subgraph node '" + ctx.nodeName() + "' is run by the lamgraph executor");
    }
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

  private Map<String, Object> run(Map<String, Object> state, RunScope scope) throws InterruptedException {
    NodeOutcome o = POLICY.call(scope, node, node.name(), state, this);
    if (o instanceof NodeOutcome.Failed f) {
      // stopped by the run's deadline: the run fails with kind timeout, as ours does
      String kind = NodePolicy.RUN_TIMEOUT.equals(f.kind()) ? "timeout" : f.kind();
      throw new Lg4jNodeFailure(node.name(), kind, f.message(), f.attempts());
    }
    return ((NodeOutcome.Ok) o).result().updates(); // the bodies above never pause: check() refuses interrupts
  }

  /**
   * Refuses an interrupt, an update of an undeclared channel or of the wrong type (an add channel's
   * sum with its value in {@code state} included), and one over the state limits.
   */
  @Override
  public NodeOutcome.Failed check(String name, NodeResult r, Map<String, Object> state, int attempt) {
    if (r.interrupt() != null) {
      return new NodeOutcome.Failed(name, "unsupported", "node '" + name
          + "' asked for human input, which the langgraph4j backend does not support; run it with `lam run`", attempt);
    }
    for (var e : r.updates().entrySet()) {
      LamChannel c = channels.get(e.getKey());
      try {
        if (c == null) throw new StateTypeException(name, e.getKey(), "a declared channel", "an undeclared channel");
        c.check(state.get(e.getKey()), e.getValue(), name);
      } catch (StateTypeException ex) {
        return new NodeOutcome.Failed(name, "type_error", ex.getMessage(), attempt);
      }
      // before langgraph4j applies it; what reducers accumulate is checked after each step (Lg4jRunner)
      String over = StateLimits.update(limits, e.getKey(), e.getValue());
      if (over != null) return new NodeOutcome.Failed(name, "limit", over, attempt);
    }
    return null;
  }
}
