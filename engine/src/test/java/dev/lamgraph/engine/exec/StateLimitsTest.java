package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.lg4j.Lg4jResult;
import dev.lamgraph.engine.lg4j.Lg4jRunner;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code limits.max_channel_bytes} and {@code limits.max_state_bytes}: a state that grows without
 * bound (a string doubled every step reached 6 GB and an OutOfMemoryError) fails the run at the
 * limit with a one-line reason, and the committed state stays inspectable.
 */
class StateLimitsTest {
  private final MemoryStore store = new MemoryStore();

  /** A string doubled every step, looping until it is a billion characters long. */
  static String doubling(String limits) {
    return """
        name: grow
        state: { s: { type: string, default: "x" } }
        limits: { max_steps: 100%s }
        nodes:
          grow: { type: set, set: { s: "state.s + state.s" } }
        edges:
          - { from: START, to: grow }
          - { from: grow, when: [ { if: "size(state.s) < 1000000000", to: grow } ], else: END }
        """.formatted(limits);
  }

  @Test
  void aStringDoubledEveryStepFailsAtTheChannelLimitAndTheStateStaysInspectable() throws Exception {
    CompiledGraph g = JoinTest.compile(doubling(", max_channel_bytes: 1MiB"));
    assertThat(g.limits().maxChannelBytes()).isEqualTo(1024 * 1024);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "grow", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      // after step 20 the string would be 2^20 characters: its JSON (with quotes) is over 1 MiB
      assertThat(r.detail()).containsEntry("kind", "limit").containsEntry("node", "grow").containsEntry("step", 20L);
      assertThat((String) r.detail().get("message")).isEqualTo(
          "channel 's' would hold 1048578 bytes of JSON, over limits.max_channel_bytes (1 MiB)");
      assertThat(r.steps()).isEqualTo(19);
      assertThat((String) r.state().get("s")).hasSize(1 << 19);
      // every committed step is still readable; the refused one was never stored
      assertThat((String) runs.stateAt(g, "grow", 19).get("s")).hasSize(1 << 19);
      assertThat(runs.history("grow")).hasSize(20);
      assertThat(store.thread("grow").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }
  }

  @Test
  void withoutALowLimitTheSameLoopGrowsOnUntilTheDefault() throws Exception {
    CompiledGraph g = JoinTest.compile(doubling(""));
    assertThat(g.limits().maxChannelBytes()).isEqualTo(LimitsSpec.DEFAULT_MAX_CHANNEL_BYTES);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "grow-default", Map.of());
      assertThat(r.detail()).containsEntry("kind", "limit").containsEntry("step", 24L); // 2^24 + 2 > 16 MiB
      assertThat((String) r.state().get("s")).hasSize(1 << 23);
    }
  }

  @Test
  void anAppendChannelIsLimitedByWhatItAccumulates() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: pile
        state: { log: { type: list, reducer: append } }
        limits: { max_steps: 100, max_channel_bytes: 100KiB }
        nodes:
          add: { type: set, set: { log: "['%s']" } }
        edges:
          - { from: START, to: add }
          - { from: add, when: [ { if: "size(state.log) < 1000", to: add } ], else: END }
        """.formatted("x".repeat(10_000)));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "pile", Map.of());
      // each step adds 10,003 bytes ("x...x" and a comma): the 11th would make 110,034 > 102,400
      assertThat(r.detail()).containsEntry("kind", "limit").containsEntry("step", 11L).containsEntry("message",
          "channel 'log' would hold 110034 bytes of JSON, over limits.max_channel_bytes (100 KiB)");
      assertThat((List<?>) runs.stateAt(g, "pile", 10).get("log")).hasSize(10);
    }
  }

  @Test
  void theWholeStateIsLimitedToo() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: wide
        state: { a: { type: string }, b: { type: string }, c: { type: string } }
        limits: { max_channel_bytes: 40KiB, max_state_bytes: 64KiB }
        nodes:
          one: { type: set, set: { a: "'%1$s'" } }
          two: { type: set, set: { b: "'%1$s'" } }
          three: { type: set, set: { c: "'%1$s'" } }
        edges:
          - { from: START, to: one }
          - { from: one, to: two }
          - { from: two, to: three }
          - { from: three, to: END }
        """.formatted("y".repeat(30_000)));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "wide", Map.of());
      assertThat(r.detail()).containsEntry("kind", "limit").containsEntry("step", 3L);
      assertThat((String) r.detail().get("message")).startsWith("the state would hold 90006 bytes of JSON after step 3, over "
          + "limits.max_state_bytes (64 KiB)");
      assertThat(r.state()).containsKeys("a", "b").doesNotContainKey("c");
    }
  }

  @Test
  void anInputOverTheLimitFailsTheRunAtItsStart() throws Exception {
    CompiledGraph g = JoinTest.compile(doubling(", max_channel_bytes: 1KiB"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "in", Map.of("s", "z".repeat(2000)));
      assertThat(r.detail()).containsEntry("kind", "input_error")
          .containsEntry("message", "input 's' is 2002 bytes of JSON, over limits.max_channel_bytes (1 KiB)");
      RunResult other = runs.start(g, "in2", Map.of("unused", "z".repeat(2000)));
      assertThat(other.detail()).containsEntry("kind", "input_error"); // read by conditions as input.unused
      RunResult fits = runs.start(g, "in3", Map.of("s", "z".repeat(300)));
      assertThat(fits.detail()).containsEntry("kind", "limit").containsEntry("step", 2L); // 1,200 + 2 > 1,024
    }
  }

  @Test
  void aForkEditOverTheLimitIsRefused() throws Exception {
    CompiledGraph g = JoinTest.compile(doubling(", max_channel_bytes: 1KiB"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "f", Map.of());
      assertThatThrownBy(() -> runs.fork(g, "f", 2, Map.of("s", "q".repeat(5000)), "f2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the edits do not fit: edit 's' is 5002 bytes of JSON, over limits.max_channel_bytes (1 KiB)");
      assertThat(store.thread("f2")).isEmpty();
    }
  }

  @Test
  void theLanggraph4jBackendEnforcesTheSameLimits() throws Exception {
    Lg4jResult r = new Lg4jRunner(JoinTest.compile(doubling(", max_channel_bytes: 1MiB"))).run("lg", Map.of());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "limit").containsEntry("node", "grow").containsEntry("step", 20L);
    assertThat((String) r.detail().get("message")).isEqualTo(
        "channel 's' would hold 1048578 bytes of JSON, over limits.max_channel_bytes (1 MiB)");
    Lg4jResult pile = new Lg4jRunner(JoinTest.compile("""
        name: pile
        state: { log: { type: list, reducer: append } }
        limits: { max_steps: 100, max_channel_bytes: 100KiB }
        nodes:
          add: { type: set, set: { log: "['%s']" } }
        edges:
          - { from: START, to: add }
          - { from: add, when: [ { if: "size(state.log) < 1000", to: add } ], else: END }
        """.formatted("x".repeat(10_000)))).run("pile", Map.of());
    assertThat(pile.detail()).containsEntry("kind", "limit");
    assertThat((String) pile.detail().get("message")).startsWith("channel 'log' would hold 110034 bytes of JSON");
  }

  @Test
  void measuredEncodingIsTheCheckpointEncodingWithEachUpdatesSize() {
    List<StateLog.Write> writes = List.of(new StateLog.Write("a", Map.of("s", "héllo")),
        new StateLog.Write("b", new java.util.LinkedHashMap<>(Map.of("n", 12L)), true));
    StateLog.Encoded e = StateLog.encodeMeasured(writes, Map.of("joins", List.of()));
    assertThat(e.json()).isEqualTo(StateLog.encode(writes, Map.of("joins", List.of())));
    assertThat(e.sizes()).containsExactly(Map.of("s", (long) Json.write("héllo").length()), Map.of("n", 2L));
  }
}
