package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An engine bug (an unchecked exception that is not a node's failure) while this process runs a
 * thread, outside a worker ({@code lam run}, {@code lam resume}, {@code lam serve}): the thread is
 * failed as {@code engine_error} while it is still held, then released, and the caller gets an
 * {@link EngineFailure}; before, it stayed running with no owner.
 */
class EngineBugTest {
  private static final String FLOW = """
      name: t
      state: { log: { type: list, reducer: append } }
      nodes:
        a: { type: set, set: { log: "['a']" } }
        b: { type: set, interrupt_before: true, set: { log: "['b']" } }
        c: { type: set, set: { log: "['c']" } }
      edges: [ { from: START, to: a }, { from: a, to: b }, { from: b, to: c }, { from: c, to: END } ]
      """;
  private final MemoryStore memory = new MemoryStore();

  @Test
  void anEngineBugOnResumeFailsTheThreadWhileItIsHeldThenReleasesIt() throws Exception {
    CompiledGraph g = JoinTest.compile(FLOW);
    try (Runs runs = new Runs(memory, RunOptions.defaults())) {
      assertThat(runs.start(g, "t-1", Map.of()).status()).isEqualTo(RunStatus.PAUSED);
    }
    BuggyCommit buggy = new BuggyCommit(memory, 2);
    try (Runs runs = new Runs(buggy, RunOptions.defaults().withOwner("cli-1"))) {
      assertThatThrownBy(() -> runs.resume(g, "t-1", Map.of()))
          .isInstanceOf(EngineFailure.class)
          .hasMessage("thread 't-1' failed (engine_error): the engine failed running it:"
              + " java.lang.IllegalStateException: engine bug on commit of step 2")
          .hasCauseInstanceOf(IllegalStateException.class)
          .satisfies(e -> assertThat(((EngineFailure) e).threadId()).isEqualTo("t-1"));
    }
    assertFailedWhileHeld(buggy, "t-1", 1);
  }

  @Test
  void anEngineBugInANewRunFailsItToo() throws Exception {
    CompiledGraph g = JoinTest.compile(FLOW.replace("interrupt_before: true, ", ""));
    BuggyCommit buggy = new BuggyCommit(memory, 3);
    try (Runs runs = new Runs(buggy, RunOptions.defaults().withOwner("cli-2"))) {
      assertThatThrownBy(() -> runs.start(g, "t-2", Map.of())).isInstanceOf(EngineFailure.class)
          .hasMessageContaining("engine bug on commit of step 3");
    }
    assertFailedWhileHeld(buggy, "t-2", 2);
  }

  private void assertFailedWhileHeld(BuggyCommit buggy, String id, long step) {
    ThreadInfo t = memory.thread(id).orElseThrow();
    assertThat(t.status()).as("status (%s)", t.detailJson()).isEqualTo(RunStatus.FAILED);
    assertThat(t.detailJson()).contains("\"kind\":\"engine_error\"").contains("engine bug on commit of step " + (step + 1));
    assertThat(t.step()).isEqualTo(step);
    assertThat(t.owner()).as("released after it was failed").isNull();
    assertThat(buggy.failedBy).as("failed while this process still held it").containsExactly(buggy.owner);
    assertThat(memory.events(id)).extracting(TraceEvent::kind).last().isEqualTo(TraceEvent.Kind.RUN_FAILED.id());
  }

  /** A store whose commit of step {@code badStep} throws an unchecked exception, as an engine bug would. */
  private static final class BuggyCommit extends ForwardingStore {
    private final long badStep;
    final List<String> failedBy = new CopyOnWriteArrayList<>();
    volatile String owner;

    BuggyCommit(CheckpointStore store, long badStep) {
      super(store);
      this.badStep = badStep;
    }

    @Override
    public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
      this.owner = owner;
      if (checkpoint.step() == badStep) throw new IllegalStateException("engine bug on commit of step " + badStep);
      super.commit(threadId, owner, checkpoint, events);
    }

    @Override
    public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
      if (status == RunStatus.FAILED) failedBy.add(String.valueOf(thread(threadId).orElseThrow().owner()));
      super.setStatus(threadId, status, detailJson, events);
    }
  }
}
