package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a subgraph node: its child thread {@code PARENT/NODE@STEP} is started on first entry and
 * resumed on every later one (a retry, or the parent's step run again after a crash), so work
 * the child committed is never redone. A child that is done again gives its final state; one
 * that pauses pauses the parent (the answer given to the parent goes to it); one that fails fails
 * the subgraph node, whose retry resumes the child at its failed step. See {@code
 * SubgraphBodyType} for how the child's trace appears in the parent's.
 */
final class SubgraphRunner {
  private final RunContext rc;
  private final EventBuffer events;

  /** @param events the parent's events, where a finished child's trace is copied */
  SubgraphRunner(RunContext rc, EventBuffer events) {
    this.rc = rc;
    this.events = events;
  }

  /** The id of the child thread run by task {@code name} in step {@code step} of {@code parent}. */
  static String childId(String parent, String name, long step) {
    return parent + "/" + name + "@" + step;
  }

  NodeOutcome run(SubgraphBody s, CallContext ctx) throws InterruptedException {
    CallScope scope = ctx.scope();
    String name = ctx.nodeName();
    int attempt = ctx.attempt();
    String child = childId(scope.threadId(), name, scope.step());
    Launcher launcher = new Launcher(new RunContext(rc.store(),
        rc.options().withListener(rc.options().listener().forChild(name, scope.step(), child, s.child())), rc.pool(), rc.recorded()));
    Optional<ThreadInfo> existing = rc.store().thread(child);
    Optional<Object> answer = ctx.resumeValue();
    RunResult r;
    if (existing.isEmpty()) {
      Map<String, Object> in = new LinkedHashMap<>();
      for (var e : s.input().entrySet()) {
        try {
          in.put(e.getKey(), e.getValue().eval(ctx.state(), scope.input()));
        } catch (EvalException ex) {
          return new NodeOutcome.Failed(name, "expression_error", "input." + e.getKey() + " `" + ex.expression()
              + "` failed: " + ex.getMessage(), attempt);
        }
      }
      Map<String, Object> attrs = Map.of("parent_thread", scope.threadId(), "parent_node", name, "parent_step", scope.step());
      r = launcher.start(s.child(), child, in, attrs);
    } else if (existing.get().status() == RunStatus.PAUSED && answer.isEmpty()) {
      r = new RunResult(child, RunStatus.PAUSED, existing.get().step(), Map.of(), Json.readMap(existing.get().detailJson()));
    } else {
      r = launcher.resume(s.child(), child, asMap(answer.orElse(Map.of())));
    }
    return switch (r.status()) {
      case DONE -> done(name, scope.step(), s, child, r, attempt);
      case PAUSED -> paused(name, child, r.detail());
      default -> new NodeOutcome.Failed(name, String.valueOf(r.detail().getOrDefault("kind", "error")),
          "subgraph '" + name + "' failed" + (r.detail().get("node") == null ? "" : " at node '" + r.detail().get("node")
          + "'") + " (thread " + child + "): " + r.detail().get("message"), attempt);
    };
  }

  private NodeOutcome done(String name, long step, SubgraphBody s, String child, RunResult r, int attempt) {
    Map<String, Object> childInput = Json.readMap(rc.store().thread(child).orElseThrow().inputJson());
    Map<String, Object> out = new HashMap<>();
    for (Map.Entry<String, Expr> e : s.output().entrySet()) {
      try {
        out.put(e.getKey(), e.getValue().eval(r.state(), childInput));
      } catch (EvalException ex) {
        return new NodeOutcome.Failed(name, "expression_error", "output." + e.getKey() + " `" + ex.expression()
            + "` failed: " + ex.getMessage(), attempt);
      }
    }
    for (TraceEvent e : rc.store().events(child)) {
      if (e.kind().startsWith("run_") || e.kind().equals(TraceEvent.Kind.CHECKPOINT_SAVED.id())) continue;
      Map<String, Object> d = new LinkedHashMap<>(e.data());
      d.put("child_thread", child);
      d.put("child_step", e.step());
      events.copy(e, step, name + "/" + (e.node() == null ? "" : e.node()), d);
    }
    return new NodeOutcome.Ok(name, NodeResult.of(out), 0);
  }

  private static NodeOutcome paused(String name, String child, Map<String, Object> d) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("child_thread", child);
    extra.put("child_node", d.get("node"));
    extra.put("child_when", d.get("when"));
    String prompt = "subgraph '" + name + "': " + d.getOrDefault("prompt", "");
    return new NodeOutcome.Paused(name, new NodeResult.Interrupt(prompt, (String) d.get("schema")), extra);
  }

  /**
   * What the parent's listener hears of a child: its failed attempts and live output, as {@code
   * NODE/CHILD-NODE} at the parent's step. The child's own steps are not the parent's (they are in the child's
   * history and, once it finishes, in the parent's trace).
   */
  static RunListener nested(RunListener parent, String node, long step) {
    return new RunListener() {
      @Override
      public void nodeFailed(long childStep, String childNode, int attempt, String message, boolean willRetry) {
        parent.nodeFailed(step, node + "/" + childNode, attempt, message, willRetry);
      }

      @Override
      public boolean wantsEmits(String kind) {
        return parent.wantsEmits(kind);
      }

      @Override
      public void nodeEmitted(long childStep, String childNode, String kind, Object payload) {
        parent.nodeEmitted(step, node + "/" + childNode, kind, payload);
      }
    };
  }

  /**
   * Checks an answer given to a parent paused by this subgraph's child, the way the child's own
   * resume will (recursively, for nested subgraphs), before anything changes.
   */
  static void checkAnswer(CompiledNode n, CheckpointStore store, String child, Map<String, Object> answer) {
    if (!(n.body() instanceof SubgraphBody s)) return;
    store.thread(child).ifPresent(t -> Resumption.plan(s.child(), store, t, answer));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object answer) {
    return answer instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("answer", answer);
  }
}
