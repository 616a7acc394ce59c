package dev.lamgraph.cli.wftest;

import dev.lamgraph.cli.wftest.TestSpec.ModelAnswer;
import dev.lamgraph.cli.wftest.TestSpec.ToolAnswer;
import dev.lamgraph.engine.node.CallStubs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-ins of one test case, given to its run only ({@code RunOptions.withStubs}): a tool
 * listed here never runs; a model listed here is never called. Tools answer their list in order,
 * the last answer repeating ({@code {returns: V, fail: K, after: N}} returns V for the first N
 * calls, then fails with K). Models answer their list in order; a call beyond it fails with kind
 * {@code not_recorded}. Tools and models not listed make their real calls (a model may still
 * answer from a replay file).
 */
final class CaseStubs implements CallStubs {
  private final Map<String, List<ToolAnswer>> tools;
  private final Map<String, List<ModelAnswer>> models;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  CaseStubs(Map<String, List<ToolAnswer>> tools, Map<String, List<ModelAnswer>> models) {
    this.tools = tools;
    this.models = models;
  }

  @Override
  public Optional<Answer> answer(String kind, String name, Map<String, Object> request) {
    if (kind.equals("tool") && tools.containsKey(name)) {
      int i = calls.computeIfAbsent("tool:" + name, k -> new AtomicInteger()).getAndIncrement();
      List<ToolAnswer> l = tools.get(name);
      return Optional.of(tool(name, l.get(Math.min(i, l.size() - 1)), l.size() == 1 ? i : 0));
    }
    if (kind.equals("model") && models.containsKey(name)) {
      int i = calls.computeIfAbsent("model:" + name, k -> new AtomicInteger()).getAndIncrement();
      List<ModelAnswer> l = models.get(name);
      if (i >= l.size()) {
        return Optional.of(Answer.failed("not_recorded", "the test case gives " + l.size() + " answer"
            + (l.size() == 1 ? "" : "s") + " for model '" + name + "'; call " + (i + 1) + " has none"));
      }
      ModelAnswer a = l.get(i);
      return Optional.of(a.fail() != null ? Answer.failed(a.fail(), message(a.message(), "model", name)) : Answer.ok(a.value()));
    }
    return Optional.empty();
  }

  private static Answer tool(String name, ToolAnswer a, int index) {
    boolean returning = a.hasReturns() && (a.fail() == null || a.after() != null && index < a.after());
    return returning ? Answer.ok(a.returns()) : Answer.failed(a.fail(), message(a.message(), "tool", name));
  }

  private static String message(String m, String what, String name) {
    return m != null ? m : what + " '" + name + "' failed (stubbed by the test case)";
  }

  /** How many calls of tool {@code name} were answered here. */
  int toolCalls(String name) {
    AtomicInteger n = calls.get("tool:" + name);
    return n == null ? 0 : n.get();
  }
}
