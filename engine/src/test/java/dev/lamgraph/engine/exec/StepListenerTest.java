package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a listener hears of a run's steps: {@code stepStarted} before a step's nodes run, with the state they read (then
 * {@code stepCommitted}), and for a subgraph node the child's listener it returns from
 * {@code forChild}, which hears the child's own steps.
 */
class StepListenerTest {
  /** Records steps, prefixed with the child's thread for a child listener. */
  private static final class Steps implements RunListener {
    final List<String> seen;
    final String prefix;

    Steps(List<String> seen, String prefix) {
      this.seen = seen;
      this.prefix = prefix;
    }

    @Override
    public void stepStarted(long step, List<String> nodes, Map<String, Object> state) {
      seen.add(prefix + "start " + step + " " + nodes);
      if (step == 3 && prefix.isEmpty()) seen.add("report " + state.get("report"));
    }

    @Override
    public void stepCommitted(long step, List<String> next, long bytes) {
      seen.add(prefix + "commit " + step);
    }

    @Override
    public RunListener forChild(String node, long step, String childThread, CompiledGraph child) {
      seen.add(prefix + "child " + node + "@" + step + " " + childThread + " " + child.name());
      return new Steps(seen, prefix + childThread + ": ");
    }
  }

  @Test
  void stepsStartBeforeTheyCommitAndASubgraphsChildGetsTheListenerForChildGives() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("subgraph.yaml"));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults().withListener(new Steps(seen, "")))) {
      assertThat(runs.start(g, "t", Map.of()).status()).isEqualTo(RunStatus.DONE);
    }
    String c = "t/research@2: ";
    assertThat(seen).containsExactly("start 1 [plan]", "commit 1", "start 2 [research]",
        "child research@2 t/research@2 research",
        c + "start 1 [search, read]", c + "commit 1", c + "start 2 [summarize]", c + "commit 2",
        "commit 2", "start 3 [write]", "report otters: 2 notes", "commit 3");
  }
}
