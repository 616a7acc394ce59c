package dev.lamgraph.engine.lg4j;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.action.AsyncNodeActionWithConfig;
import org.bsc.langgraph4j.hook.NodeHook;

/**
 * langgraph4j's ParallelNode folds its branches' updates into a copy of the whole state through
 * the reducers, then returns that whole state as if it were one more update, which the runner
 * reduces again: harmless for replace channels, but an append channel would get its items twice
 * and an add channel its total doubled. This hook marks the ParallelNode's result as already
 * reduced ({@link LamChannel.Assign}), so each branch update is applied exactly once, in branch
 * order; a channel the branches removed (set to null) is removed.
 */
final class ParallelMergeGuard implements NodeHook.WrapCall<LamState> {
  private final Set<String> parallelIds;

  ParallelMergeGuard(Set<String> parallelIds) {
    this.parallelIds = Set.copyOf(parallelIds);
  }

  @Override
  public CompletableFuture<Map<String, Object>> applyWrap(String nodeId, LamState state, RunnableConfig config,
      AsyncNodeActionWithConfig<LamState> action) {
    CompletableFuture<Map<String, Object>> result = action.apply(state, config);
    if (!parallelIds.contains(nodeId)) return result;
    return result.thenApply(merged -> {
      Map<String, Object> assigned = new HashMap<>();
      for (String k : state.data().keySet()) assigned.put(k, new LamChannel.Assign(null));
      merged.forEach((k, v) -> assigned.put(k, new LamChannel.Assign(v)));
      return assigned;
    });
  }
}
