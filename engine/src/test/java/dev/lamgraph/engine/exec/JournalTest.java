package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Side effects once: the calls a node makes through {@code NodeContext.once} are journalled as
 * they complete; a step run again after a crash reuses them; a replay answers from the recording.
 */
class JournalTest {
  private final MemoryStore store = new MemoryStore();

  private static final String TWO_STEPS = """
      name: effects
      state: { results: { type: list, reducer: append } }
      nodes:
        first:  { type: effect, calls: 2 }
        second: { type: effect, calls: 3, crash_after: %d }
      edges: [ { from: START, to: first }, { from: first, to: second }, { from: second, to: END } ]
      """;

  private RunResult crashThenResume(String yaml, String thread) throws Exception {
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(JoinTest.compile(yaml), thread, Map.of()))
          .isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    try (Runs runs = new Runs(store, RunOptions.defaults().withOwner("after-restart"))) {
      return runs.resume(JoinTest.compile(yaml), thread, Map.of());
    }
  }

  @Test
  void aStepRunAgainAfterACrashReusesTheCallsItsFirstRunCompleted() throws Exception {
    RunResult r = crashThenResume(TWO_STEPS.formatted(2), "crash-mid");
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(EffectType.made("crash-mid")).isEqualTo(5); // 2 + 3, none twice
    assertThat(r.state().get("results")).isEqualTo(List.of(
        Map.of("node", "first", "call", 1L, "made", 1L), Map.of("node", "first", "call", 2L, "made", 2L),
        Map.of("node", "second", "call", 1L, "made", 3L), Map.of("node", "second", "call", 2L, "made", 4L),
        Map.of("node", "second", "call", 3L, "made", 5L)));
    assertThat(store.journal("crash-mid", 0, 10)).extracting(JournalEntry::key)
        .containsExactly("1:first:1:1", "1:first:1:2", "2:second:1:1", "2:second:1:2", "2:second:1:3");
  }

  @Test
  void theStateAfterACrashEqualsTheStateOfAnUninterruptedRun() throws Exception {
    RunResult crashed = crashThenResume(TWO_STEPS.formatted(3), "crash-late");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult clean = runs.start(JoinTest.compile(TWO_STEPS.formatted(0)), "clean", Map.of());
      assertThat(crashed.state()).isEqualTo(clean.state());
    }
    assertThat(EffectType.made("crash-late")).isEqualTo(EffectType.made("clean")).isEqualTo(5);
  }

  @Test
  void mapItemsAreJournalledUnderTheirOwnNames() throws Exception {
    String yaml = """
        name: fan
        state:
          items:   { type: list }
          item:    { type: any }
          part:    { type: list }
          results: { type: list }
        nodes:
          m: { type: map, over: items, item: item, collect: part, output: results, node: { type: effect, calls: 2, into: part, crash_after: 1 } }
        edges: [ { from: START, to: m }, { from: m, to: END } ]
        """;
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(JoinTest.compile(yaml), "fan", Map.of("items", List.of("a", "b"))))
          .isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    int before = EffectType.made("fan");
    try (Runs runs = new Runs(store, RunOptions.defaults().withOwner("after-restart"))) {
      RunResult r = runs.resume(JoinTest.compile(yaml), "fan", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
    }
    assertThat(EffectType.made("fan")).isEqualTo(4);
    assertThat(before).isBetween(1, 4);
    assertThat(store.journal("fan", 1, 1)).extracting(JournalEntry::key)
        .containsExactly("1:m[0]:1:1", "1:m[0]:1:2", "1:m[1]:1:1", "1:m[1]:1:2");
  }

  @Test
  void aReplayAnswersFromTheRecordingAndCallsNothing() throws Exception {
    String yaml = TWO_STEPS.formatted(0);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(JoinTest.compile(yaml), "rec", Map.of());
      ReplayResult same = runs.replay(JoinTest.compile(yaml), "rec", "rec-again");
      assertThat(same.differences()).isEmpty();
      assertThat(EffectType.made("rec-again")).isZero();

      ReplayResult more = runs.replay(JoinTest.compile(yaml.replace("calls: 3", "calls: 4")), "rec", "rec-more");
      assertThat(EffectType.made("rec-more")).isZero();
      assertThat(more.matches()).isFalse();
      assertThat(more.differences().get(0)).startsWith("status: done vs failed (")
          .contains("the recording of thread 'rec' has no tool call 4 of 'second' (attempt 1) in step 2");
    }
  }
}
