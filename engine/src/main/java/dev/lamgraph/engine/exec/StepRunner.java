package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.MapBody;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.node.NodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Runs the nodes of one super-step: concurrently when there are several, each under the {@link
 * NodePolicy} (retry, backoff, timeout, the run's deadline, traced attempts). Nodes only read the
 * state; their updates are returned, not applied. A plugin node's body is its {@code Node.run};
 * the control bodies run here: a map's items through {@link MapRunner}, a subgraph's child
 * thread through {@link SubgraphRunner}.
 */
final class StepRunner {
  private final RunContext rc;
  private final MapRunner maps = new MapRunner(this);
  private final SubgraphRunner subgraphs;
  private final NodePolicy policy;

  StepRunner(RunContext rc, EventBuffer events) {
    this.rc = rc;
    this.subgraphs = new SubgraphRunner(rc, events);
    this.policy = new NodePolicy(rc.pool(), rc.options().clock(), new NodePolicy.Bodies() {
      @Override
      public NodeOutcome task(NodeBody.Task t, CallContext ctx) throws Exception {
        return NodePolicy.runTask(t, ctx);
      }

      @Override
      public NodeOutcome map(MapBody m, CallContext ctx) throws InterruptedException {
        return maps.run(m, ctx);
      }

      @Override
      public NodeOutcome subgraph(SubgraphBody s, CallContext ctx) throws InterruptedException {
        return subgraphs.run(s, ctx);
      }
    });
  }

  RunContext context() {
    return rc;
  }

  /**
   * Runs {@code nodes}; a node found in {@code pending} (it succeeded in this step before a sibling
   * paused the run) is not run again: its stored updates are its outcome.
   */
  List<NodeOutcome> run(List<CompiledNode> nodes, StepScope scope, Map<String, Map<String, Object>> pending)
      throws InterruptedException {
    List<NodeOutcome> out = new ArrayList<>(nodes.size());
    List<Integer> toRun = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Map<String, Object> kept = pending.get(nodes.get(i).name());
      out.add(kept == null ? null : new NodeOutcome.Ok(nodes.get(i).name(), NodeResult.of(kept), 0));
      if (kept == null) toRun.add(i);
    }
    if (toRun.size() == 1) {
      CompiledNode n = nodes.get(toRun.get(0));
      out.set(toRun.get(0), call(scope, n, n.name(), scope.state()));
      return out;
    }
    List<NodeTask<NodeOutcome>> futures = new ArrayList<>();
    for (int i : toRun) {
      CompiledNode n = nodes.get(i);
      futures.add(NodeTask.submit(rc.pool(), () -> call(scope, n, n.name(), scope.state())));
    }
    for (int k = 0; k < toRun.size(); k++) {
      int i = toRun.get(k);
      try {
        out.set(i, futures.get(k).get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error err) throw err; // as on the single-node path: the run stops uncommitted
        out.set(i, new NodeOutcome.Failed(nodes.get(i).name(), "error", String.valueOf(e.getCause()), 1));
      } catch (InterruptedException e) { // e.g. this is a subgraph's child run and the parent's time is up
        NodeTask.stopAll(futures, NodeTask.GRACE);
        throw e;
      }
    }
    return out;
  }

  /** Runs task {@code name} of {@code node} over {@code state} under the node's policy. */
  NodeOutcome call(CallScope scope, CompiledNode node, String name, Map<String, Object> state)
      throws InterruptedException {
    return policy.call(scope, node, name, state, null);
  }
}
