package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Human in the loop: the human node, and state edits on resume at interrupt_before/after. */
class HumanTest {
  private final MemoryStore store = new MemoryStore();

  private static CompiledGraph fixture(String name) throws Exception {
    return Compiler.withDefaults().compile(JoinTest.VALID.resolve(name));
  }

  /** What must not change when a resume is refused. */
  private record Frozen(ThreadInfo info, int checkpoints, int events) {}

  private Frozen frozen(String t) {
    return new Frozen(store.thread(t).orElseThrow(), store.checkpoints(t, 0, 1000).size(), store.events(t).size());
  }

  @Test
  void aHumanNodePausesWithItsPromptAndSchemaThenTakesAValidAnswer() throws Exception {
    CompiledGraph g = fixture("human-approval.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.detail()).containsEntry("node", "approve").containsEntry("when", "node")
          .containsEntry("prompt", "Carry out this plan: [\"search\",\"summarize\"] (2 steps)?");
      assertThat(Json.readMap((String) r.detail().get("schema"))).containsEntry("required", List.of("approved"));

      RunResult done = runs.resume(g, "t", Map.of("approved", true, "comment", "fine"));
      assertThat(done.status()).isEqualTo(RunStatus.DONE);
      assertThat(done.state().get("approval")).isEqualTo(Map.of("approved", true, "comment", "fine"));
      assertThat(done.state().get("log")).isEqualTo(List.of("drafted", "acted on 2 steps"));
    }
  }

  @Test
  void anInvalidAnswerIsRefusedAndTheRunStaysPausedWithNothingCommitted() throws Exception {
    CompiledGraph g = fixture("human-approval.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t", Map.of());
      Frozen before = frozen("t");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("approved", "yes")))
          .isInstanceOfSatisfying(AnswerException.class, e -> {
            assertThat(e.getMessage()).contains("the answer to node 'approve' does not match its schema");
            assertThat(e.problems()).singleElement().asString().startsWith("/approved").contains("boolean");
          });
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of())).isInstanceOf(AnswerException.class)
          .hasMessageContaining("required property 'approved'");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("approved", false, "extra", 1))).isInstanceOf(AnswerException.class);
      assertThat(frozen("t")).isEqualTo(before);
      assertThat(before.info().status()).isEqualTo(RunStatus.PAUSED);

      RunResult r = runs.resume(g, "t", Map.of("approved", false));
      assertThat(r.state().get("log")).isEqualTo(List.of("drafted", "rejected"));
    }
  }

  @Test
  void withoutASchemaTheAnswerIsOneValueOfTheOutputChannelsType() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { n: { type: integer }, out: { type: integer } }
        nodes:
          ask:    { type: human, prompt: "How many?", output: n }
          double: { type: set, set: { out: "state.n * 2" } }
        edges: [ { from: START, to: ask }, { from: ask, to: double }, { from: double, to: END } ]
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult p = runs.start(g, "t", Map.of());
      assertThat(p.detail()).containsEntry("schema", "{\"type\":\"integer\"}");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("n", "three"))).isInstanceOf(AnswerException.class);
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("n", 3, "m", 4))).isInstanceOf(AnswerException.class)
          .hasMessageContaining("waits for one integer value");
      assertThat(runs.resume(g, "t", Map.of("n", 3)).state()).containsEntry("out", 6L);
    }
  }

  @Test
  void anAnswerMustAlsoFitTheOutputChannel() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { n: { type: integer } }
        nodes: { ask: { type: human, prompt: "n?", schema: { description: anything }, output: n } }
        edges: [ { from: START, to: ask }, { from: ask, to: END } ]
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t", Map.of());
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("n", "x"))).isInstanceOf(AnswerException.class)
          .hasMessageContaining("does not fit its output channel");
      assertThat(store.thread("t").orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
    }
  }

  @Test
  void approveAPlanAsItIsBeforeToolsRun() throws Exception {
    CompiledGraph g = fixture("approve-plan.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult p = runs.start(g, "t", Map.of());
      assertThat(p.detail()).containsEntry("node", "tools").containsEntry("when", "before");
      assertThat(p.state().get("done")).isEqualTo(List.of());
      RunResult r = runs.resume(g, "t", Map.of());
      assertThat(r.state().get("done")).isEqualTo(List.of("delete /tmp/cache", "email the team"));
      assertThat(store.checkpoints("t", 0, 10)).extracting(Checkpoint::ran)
          .containsExactly(List.of("START"), List.of("plan"), List.of("tools"));
    }
  }

  @Test
  void editAPlanBeforeToolsRunTheEditIsItsOwnCheckpointByHuman() throws Exception {
    CompiledGraph g = fixture("approve-plan.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t", Map.of());
      RunResult r = runs.resume(g, "t", Map.of("plan", List.of("email the team")));
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("done")).isEqualTo(List.of("email the team"));
      List<Checkpoint> cps = store.checkpoints("t", 0, 10);
      assertThat(cps).extracting(Checkpoint::ran)
          .containsExactly(List.of("START"), List.of("plan"), List.of("__human__"), List.of("tools"));
      assertThat(cps.get(2).next()).containsExactly("tools");
      assertThat(StateLog.at(g, store, "t", 1).state().get("plan")).isEqualTo(List.of("delete /tmp/cache", "email the team"));
      assertThat(StateLog.at(g, store, "t", 2).state().get("plan")).isEqualTo(List.of("email the team"));
      assertThat(store.events("t")).filteredOn(e -> e.kind().equals("state_updated")).singleElement()
          .satisfies(e -> assertThat(e.node()).isEqualTo("__human__"));
    }
  }

  @Test
  void anEditGoesThroughTheReducers() throws Exception {
    CompiledGraph g = fixture("approve-plan.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t", Map.of());
      RunResult r = runs.resume(g, "t", Map.of("done", List.of("checked by hand")));
      assertThat(r.state().get("done")).isEqualTo(List.of("checked by hand", "delete /tmp/cache", "email the team"));
    }
  }

  @Test
  void aBadEditIsRefusedAndTheRunStaysPaused() throws Exception {
    CompiledGraph g = fixture("approve-plan.yaml");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t", Map.of());
      Frozen before = frozen("t");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("plann", List.of()))).isInstanceOf(AnswerException.class)
          .hasMessage("cannot update unknown channel 'plann'; declared: plan, done; did you mean 'plan'?");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("plan", List.of(1, 2)))).isInstanceOf(AnswerException.class)
          .hasMessageContaining("string items");
      assertThat(frozen("t")).isEqualTo(before);
    }
  }

  @Test
  void anEditAfterANodeIsCommittedBeforeTheNextStep() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { draft: { type: string }, sent: { type: string } }
        nodes:
          write: { type: set, interrupt_after: true, set: { draft: "'helo'" } }
          send:  { type: set, set: { sent: "state.draft" } }
        edges: [ { from: START, to: write }, { from: write, to: send }, { from: send, to: END } ]
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult p = runs.start(g, "t", Map.of());
      assertThat(p.detail()).containsEntry("when", "after").containsEntry("node", "write");
      assertThat(runs.resume(g, "t", Map.of("draft", "hello")).state()).containsEntry("sent", "hello");
    }
  }

  @Test
  void siblingsOfAPausingNodeAreNotRunAgainOnResume() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { ok: { type: boolean }, log: { type: list, reducer: append } }
        nodes:
          tool: { type: sleep, ms: 1, out: { log: [tool] } }
          ask:  { type: human, prompt: "ok?", output: ok }
        edges: [ { from: START, to: [tool, ask] }, { from: [tool, ask], to: END } ]
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult p = runs.start(g, "siblings", Map.of());
      assertThat(p.detail().get("pending")).isEqualTo(List.of(Map.of("node", "tool", "updates", Map.of("log", List.of("tool")))));
      RunResult r = runs.resume(g, "siblings", Map.of("ok", true));
      assertThat(r.state()).containsEntry("ok", true).containsEntry("log", List.of("tool"));
      assertThat(TestTypes.calls("siblings")).containsExactly("tool@1#1 key=siblings:1:tool:1");
      assertThat(store.checkpoints("siblings", 1, 1).get(0).ran()).containsExactly("tool", "ask");
    }
  }
}
