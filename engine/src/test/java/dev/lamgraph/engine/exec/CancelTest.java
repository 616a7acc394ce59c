package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Runs#cancel}: a paused or abandoned thread ends as cancelled; a finished one, or one a live process runs, is refused. */
class CancelTest {
  private final MemoryStore store = new MemoryStore();

  @Test
  void aPausedThreadEndsCancelledKeepingItsStepsAndResumeDoesNothing() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("human-approval.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult paused = runs.start(g, "t", Map.of());
      var after = runs.cancel("t", "no longer needed");
      assertThat(after.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(after.step()).isEqualTo(paused.steps());
      assertThat(store.events("t")).last().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(TraceEvent.Kind.RUN_CANCELLED.id());
        assertThat(e.data()).containsEntry("message", "no longer needed").containsEntry("was", "paused");
      });
      RunResult again = runs.resume(g, "t", Map.of("approved", true));
      assertThat(again.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(again.steps()).isEqualTo(paused.steps());
      assertThatThrownBy(() -> runs.cancel("t", "twice")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is cancelled");
    }
  }

  @Test
  void aThreadALiveProcessRunsIsRefused() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("human-approval.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults().withOwner("someone-else"));
        Runs mine = new Runs(store, RunOptions.defaults())) {
      mine.start(g, "t", Map.of());
      store.setStatus("t", RunStatus.RUNNING, null, java.util.List.of());
      store.claim("t", Owner.self(), o -> true); // this (live) process holds it
      assertThatThrownBy(() -> runs.cancel("t", "x")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is running in " + Owner.self());
      store.release("t", Owner.self());
      assertThat(runs.cancel("t", "x").status()).isEqualTo(RunStatus.CANCELLED); // nobody runs it now
    }
  }
}
