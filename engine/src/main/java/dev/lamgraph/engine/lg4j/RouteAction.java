package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.Route;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.action.AsyncCommandAction;
import org.bsc.langgraph4j.action.Command;

/**
 * A conditional route as a langgraph4j conditional edge: the CEL conditions are tried in order
 * over the state and the run's input; the first that holds picks its target, else the else
 * target, else END. A failing condition fails the run with {@code expression_error}.
 */
final class RouteAction implements AsyncCommandAction<LamState> {
  static final String END = "END";

  private final String from;
  private final Route.Conditional route;

  RouteAction(String from, Route.Conditional route) {
    this.from = from;
    this.route = route;
  }

  /** Our target names to langgraph4j node ids (END to {@link StateGraph#END}). */
  Map<String, String> mappings() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Route.Branch b : route.branches()) m.put(b.target(), id(b.target()));
    m.put(route.elseTarget() == null ? END : route.elseTarget(), id(route.elseTarget()));
    m.put(END, StateGraph.END);
    return m;
  }

  static String id(String target) {
    return target == null || target.equals(END) ? StateGraph.END : target;
  }

  @Override
  public CompletableFuture<Command> apply(LamState state, RunnableConfig config) {
    Map<String, Object> input = RunScope.of(config).input();
    try {
      for (Route.Branch b : route.branches()) {
        if (b.condition().test(state.data(), input)) return CompletableFuture.completedFuture(new Command(b.target()));
      }
    } catch (EvalException e) {
      String node = from.equals(WorkflowSpec.START) ? null : from; // as our executor reports it
      return CompletableFuture.failedFuture(new Lg4jNodeFailure(node, "expression_error",
          "condition `" + e.expression() + "` failed: " + e.getMessage(), 1));
    }
    return CompletableFuture.completedFuture(new Command(route.elseTarget() == null ? END : route.elseTarget()));
  }
}
