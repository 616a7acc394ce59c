package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Asserts a chaos-loop run applied each of its steps exactly once. */
final class RunChecks {
  private static dev.lamgraph.engine.compile.CompiledGraph graph;

  private RunChecks() {}

  private static synchronized dev.lamgraph.engine.compile.CompiledGraph graph() throws Exception {
    if (graph == null) graph = NapType.chaosLoop();
    return graph;
  }

  /**
   * The run is done after {@code n} steps; checkpoints 1..n each wrote its own number, once; the
   * final state lists 1..n once each; one checkpoint_saved event per step.
   */
  static void appliedExactlyOnce(CheckpointStore store, String id, long n) throws Exception {
    ThreadInfo t = store.thread(id).orElseThrow();
    assertThat(t.status()).as("status of %s (%s)", id, t.detailJson()).isEqualTo(RunStatus.DONE);
    assertThat(t.step()).as("last step of %s", id).isEqualTo(n);
    List<Checkpoint> cps = store.checkpoints(id, 1, Long.MAX_VALUE);
    assertThat(cps).extracting(Checkpoint::step).as("checkpoints of %s", id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
    for (Checkpoint cp : cps) {
      List<StateLog.Write> w = StateLog.decode(cp.writesJson());
      assertThat(w).hasSize(1);
      assertThat(w.get(0).updates()).as("writes of step %d of %s", cp.step(), id)
          .isEqualTo(Map.of("count", cp.step(), "steps", List.of(cp.step())));
    }
    Map<String, Object> state = StateLog.at(graph(), store, id, n).state();
    assertThat(state.get("steps")).as("recorded steps of %s", id)
        .isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());
    long saved = store.events(id).stream().filter(e -> e.kind().equals(TraceEvent.Kind.CHECKPOINT_SAVED.id())).count();
    assertThat(saved).as("checkpoint_saved events of %s", id).isEqualTo(n);
  }
}
