package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subgraph nodes: child threads under the parent, resumed where they stopped. */
class SubgraphTest {
  private final MemoryStore store = new MemoryStore();
  @TempDir Path dir;

  private CompiledGraph files(String parent, String child) throws Exception {
    Files.writeString(dir.resolve("child.yaml"), child);
    Files.writeString(dir.resolve("parent.yaml"), parent);
    return Compiler.withDefaults().compile(dir.resolve("parent.yaml"));
  }

  private static final String PARENT = """
      name: parent
      state: { topic: { type: string, default: x }, log: { type: list, reducer: append }, ok: { type: boolean } }
      nodes:
        before: { type: set, set: { log: "['before']" } }
        sub: { type: subgraph, workflow: child.yaml, input: { x: "state.topic" }, output: { log: "state.log" } }
      edges: [ { from: START, to: before }, { from: before, to: sub }, { from: sub, to: END } ]
      """;

  private static String child(String middle) {
    return """
        name: child
        state: { x: { type: string }, log: { type: list, reducer: append } }
        nodes:
          first: { type: sleep, ms: 1, out: { log: [first] } }
          middle: %s
          last:  { type: set, set: { log: "['last ' + state.x]" } }
        edges: [ { from: START, to: first }, { from: first, to: middle }, { from: middle, to: last }, { from: last, to: END } ]
        """.formatted(middle);
  }

  @Test
  void aSubgraphRunsAsAChildThreadWithInputAndOutputMappings() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("subgraph.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("report")).isEqualTo("otters: 2 notes");
      assertThat(r.state().get("log"))
          .isEqualTo(List.of("plan otters", "searched otters", "read about otters", "wrote: otters: 2 notes"));
    }
    assertThat(store.thread("t/research@2").orElseThrow().status()).isEqualTo(RunStatus.DONE);
    assertThat(store.events("t/research@2").get(0).data())
        .containsEntry("parent_thread", "t").containsEntry("parent_node", "research").containsEntry("parent_step", 2L);
    List<TraceEvent> nested = store.events("t").stream().filter(e -> e.node() != null && e.node().startsWith("research/")).toList();
    assertThat(nested).extracting(TraceEvent::node).contains("research/search", "research/read", "research/summarize");
    assertThat(nested).allSatisfy(e -> {
      assertThat(e.step()).isEqualTo(2);
      assertThat(e.data()).containsEntry("child_thread", "t/research@2").containsKey("child_step");
    });
  }

  @Test
  void aCrashInsideTheChildResumesInsideTheChild() throws Exception {
    CompiledGraph g = files(PARENT, child("{ type: crash, out: { log: [middle] } }"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(g, "crash", Map.of())).isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    assertThat(store.thread("crash").orElseThrow().step()).isEqualTo(1);
    assertThat(store.thread("crash/sub@2").orElseThrow().step()).isEqualTo(1); // 'first' committed in the child
    RunResult resumed;
    try (Runs again = new Runs(store, RunOptions.defaults().withOwner("another-process"))) {
      resumed = again.resume(g, "crash", Map.of());
    }
    assertThat(TestTypes.calls("crash/sub@2")).containsExactly("first@1#1 key=crash/sub@2:1:first:1",
        "middle@2#1 key=crash/sub@2:2:middle:1", "middle@2#1 key=crash/sub@2:2:middle:1");
    CompiledGraph plain = files(PARENT, child("{ type: set, set: { log: \"['middle']\" } }"));
    RunResult clean;
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      clean = runs.start(plain, "clean", Map.of());
    }
    assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
    assertThat(resumed.state()).isEqualTo(clean.state());
    assertThat(resumed.state().get("log")).isEqualTo(List.of("before", "first", "middle", "last x"));
  }

  @Test
  void aHumanInsideTheChildPausesTheParentAndTakesItsAnswer() throws Exception {
    String child = """
        name: child
        state: { ok: { type: boolean } }
        nodes: { ask: { type: human, prompt: "Ship it?", output: ok } }
        edges: [ { from: START, to: ask }, { from: ask, to: END } ]
        """;
    String parent = """
        name: parent
        state: { approved: { type: boolean } }
        nodes: { sub: { type: subgraph, workflow: child.yaml, output: { approved: "state.ok" } } }
        edges: [ { from: START, to: sub }, { from: sub, to: END } ]
        """;
    CompiledGraph g = files(parent, child);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult p = runs.start(g, "h", Map.of());
      assertThat(p.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(p.detail()).containsEntry("node", "sub").containsEntry("prompt", "subgraph 'sub': Ship it?")
          .containsEntry("schema", "{\"type\":\"boolean\"}").containsEntry("child_thread", "h/sub@1")
          .containsEntry("child_node", "ask");
      assertThatThrownBy(() -> runs.resume(g, "h", Map.of("ok", "yes"))).isInstanceOf(AnswerException.class);
      assertThat(store.thread("h").orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
      assertThat(store.thread("h/sub@1").orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
      RunResult r = runs.resume(g, "h", Map.of("ok", true));
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state()).containsEntry("approved", true);
    }
  }

  @Test
  void aRetryOfAFailedSubgraphResumesTheChildAtItsFailedStep() throws Exception {
    CompiledGraph g = files(PARENT.replace("type: subgraph,", "type: subgraph, retry: { max_attempts: 2, backoff: { initial: 1ms } },"),
        child("{ type: flaky, out: { log: [middle] } }"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "retry", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("log")).isEqualTo(List.of("before", "first", "middle", "last x"));
    }
    assertThat(TestTypes.calls("retry/sub@2")).filteredOn(c -> c.startsWith("first")).hasSize(1);
    assertThat(store.events("retry")).filteredOn(e -> e.kind().equals("node_retry")).extracting(TraceEvent::node)
        .containsExactly("sub");
  }

  @Test
  void aFailedChildFailsTheParentNamingTheChildThread() throws Exception {
    CompiledGraph g = files(PARENT, child("{ type: set, set: { log: \"[string(1 / 0)]\" } }"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "f", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.detail()).containsEntry("node", "sub").containsEntry("kind", "expression_error");
      assertThat((String) r.detail().get("message")).startsWith("subgraph 'sub' failed at node 'middle' (thread f/sub@2):");
    }
  }

  @Test
  void aMapOverASubgraphRunsOneChildThreadPerItem() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("map-subgraph.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "m", Map.of());
      assertThat(r.state().get("summaries"))
          .isEqualTo(List.of("walrus (6 letters)", "elk (3 letters)", "platypus (8 letters)"));
    }
    for (int i = 0; i < 3; i++) assertThat(store.thread("m/each[" + i + "]@1").orElseThrow().status()).isEqualTo(RunStatus.DONE);
  }
}
