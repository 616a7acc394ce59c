package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Redactor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Live node output ({@code NodeContext.emit}): it reaches a listener that wants it while the step
 * runs, before the step commits, masked; it is never stored; nobody listening costs nothing.
 */
class EmitTest {
  private static final String YAML = """
      name: emits
      state: { results: { type: list, reducer: append } }
      nodes:
        first:  { type: effect, calls: 2 }
        second: { type: effect, calls: 1 }
      edges: [ { from: START, to: first }, { from: first, to: second }, { from: second, to: END } ]
      """;

  /** Records emits and commits in the order they happen. */
  private static final class Log implements RunListener {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final boolean wants;

    Log(boolean wants) {
      this.wants = wants;
    }

    @Override
    public boolean wantsEmits(String kind) {
      return wants;
    }

    @Override
    public void nodeEmitted(long step, String node, String kind, Object payload) {
      seen.add(step + " " + node + " " + kind + " " + new java.util.TreeMap<>((Map<?, ?>) payload));
    }

    @Override
    public void stepCommitted(long step, List<String> next, long bytes) {
      seen.add("commit " + step);
    }
  }

  @Test
  void emitsArriveInOrderBeforeTheirStepCommitsAndAreMasked() throws Exception {
    MemoryStore store = new MemoryStore();
    Redactor secrets = new Redactor();
    secrets.addSecret("emit-secret-thread");
    Log log = new Log(true);
    RunOptions o = RunOptions.defaults().withListener(log).withRedactor(secrets);
    try (Runs runs = new Runs(store, o)) {
      RunResult r = runs.start(JoinTest.compile(YAML), "emit-secret-thread", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("results")).asList().hasSize(3);
    }
    assertThat(log.seen).containsExactly(
        "1 first custom {call=1, node=first, thread=***}", "1 first custom {call=2, node=first, thread=***}", "commit 1",
        "2 second custom {call=1, node=second, thread=***}", "commit 2");
  }

  @Test
  void aListenerThatDoesNotWantEmitsHearsNoneAndTheStateIsTheSame() throws Exception {
    MemoryStore store = new MemoryStore();
    Log quiet = new Log(false);
    Log loud = new Log(true);
    try (Runs a = new Runs(store, RunOptions.defaults().withListener(quiet));
        Runs b = new Runs(store, RunOptions.defaults().withListener(loud))) {
      RunResult r1 = a.start(JoinTest.compile(YAML), "quiet", Map.of());
      RunResult r2 = b.start(JoinTest.compile(YAML), "loud", Map.of());
      assertThat(quiet.seen).containsExactly("commit 1", "commit 2");
      assertThat(loud.seen).hasSize(5);
      assertThat(String.valueOf(r2.state().get("results")).replace("loud", "quiet"))
          .isEqualTo(String.valueOf(r1.state().get("results")));
    }
  }
}
