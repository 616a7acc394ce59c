package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The map node: one run per item, concurrently up to max_concurrency, results in item order. */
class MapTest {
  private final MemoryStore store = new MemoryStore();

  private RunResult run(String yaml, String thread, Map<String, Object> input) throws Exception {
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      return runs.start(JoinTest.compile(yaml), thread, input);
    }
  }

  private static String map(String nodeAndOptions) {
    return """
        name: t
        state:
          items:   { type: list }
          item:    { type: any }
          result:  { type: any }
          results: { type: list }
          error:   { type: object }
          log:     { type: list, reducer: append }
        nodes:
          m: { type: map, over: items, item: item, collect: result, output: results, %s }
          after: { type: set, set: { log: "['after']" } }
        %s
        edges:
          - { from: START, to: m }
          - { from: m, to: after }
          - { from: after, to: END }
        %s
        """.formatted(nodeAndOptions,
            nodeAndOptions.contains("on_error") ? "  handle: { type: set, set: { log: \"['handled ' + state.error.message]\" } }" : "",
            nodeAndOptions.contains("on_error") ? "  - { from: handle, to: END }" : "");
  }

  @Test
  void resultsAreCollectedInItemOrder() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("map-summaries.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("summaries")).isEqualTo(List.of("summary of alpha", "summary of beta", "summary of gamma"));
      assertThat(r.state().get("log")).isEqualTo(List.of("3 summaries"));
      assertThat(r.state()).doesNotContainKeys("doc", "summary"); // each run's view and writes stay out of the state
    }
    assertThat(store.events("t")).filteredOn(e -> e.kind().equals("node_succeeded")).extracting(TraceEvent::node)
        .containsExactlyInAnyOrder("summarize_all[0]", "summarize_all[1]", "summarize_all[2]", "summarize_all", "report");
  }

  @Test
  void resultsKeepItemOrderWhenItemsFinishOutOfOrder() throws Exception {
    RunResult r = run(map("node: { type: sleep, ms_from: item, copy: { result: item } }"), "t",
        Map.of("items", List.of(400, 10, 200)));
    assertThat(r.state().get("results")).isEqualTo(List.of(400L, 10L, 200L));
    List<String> order = store.events("t").stream().filter(e -> e.kind().equals("node_succeeded") && e.node().startsWith("m["))
        .map(TraceEvent::node).toList();
    assertThat(order).containsExactly("m[1]", "m[2]", "m[0]");
  }

  @Test
  void maxConcurrencyBoundsTheItemsInFlight() throws Exception {
    run(map("max_concurrency: 2, node: { type: track, ms: 300 }"), "bounded", Map.of("items", List.of(1, 2, 3, 4, 5)));
    assertThat(TestTypes.maxInFlight("bounded")).isEqualTo(2);
    run(map("node: { type: track, ms: 300 }"), "unbounded", Map.of("items", List.of(1, 2, 3, 4)));
    assertThat(TestTypes.maxInFlight("unbounded")).isEqualTo(4);
  }

  @Test
  void itemsRunConcurrently() throws Exception {
    RunResult r = run(map("node: { type: meet, parties: 3, copy: { result: item } }"), "meet", Map.of("items", List.of(1, 2, 3)));
    assertThat(r.status()).isEqualTo(RunStatus.DONE); // each item waited for the other two: they ran at once
    assertThat(r.state().get("results")).isEqualTo(List.of(1L, 2L, 3L));
  }

  @Test
  void aFailingItemFailsTheMapAndTheRunWithoutOnError() throws Exception {
    RunResult r = run(map("node: { type: set, set: { result: \"10 / int(state.item)\" } }"), "t",
        Map.of("items", List.of(5, 0, 2)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("node", "m").containsEntry("kind", "expression_error");
    assertThat((String) r.detail().get("message")).startsWith("item 1 of 3: set.result").contains("division by zero");
  }

  @Test
  void aFailingItemFollowsTheMapsOnError() throws Exception {
    RunResult r = run(map("on_error: handle, node: { type: set, set: { result: \"10 / int(state.item)\" } }"), "t",
        Map.of("items", List.of(5, 0)));
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat((List<?>) r.state().get("log")).singleElement().asString().startsWith("handled item 1 of 2");
    assertThat(r.state().get("results")).isNull();
  }

  @Test
  void theInnerNodesRetryAppliesToEachItemOnItsOwn() throws Exception {
    RunResult r = run(map("node: { type: flaky, retry: { max_attempts: 2, backoff: { initial: 1ms } }, copy: { result: item } }"),
        "retry", Map.of("items", List.of("a", "b")));
    assertThat(r.state().get("results")).isEqualTo(List.of("a", "b"));
    assertThat(TestTypes.calls("retry")).containsExactlyInAnyOrder("m[0]@1#1 key=retry:1:m[0]:1",
        "m[0]@1#2 key=retry:1:m[0]:2", "m[1]@1#1 key=retry:1:m[1]:1", "m[1]@1#2 key=retry:1:m[1]:2");
    assertThat(store.events("retry")).filteredOn(e -> e.kind().equals("node_retry")).extracting(TraceEvent::node)
        .containsExactlyInAnyOrder("m[0]", "m[1]");
  }

  @Test
  void anAbsentListMapsToNoResultsAndANonListFails() throws Exception {
    assertThat(run(map("node: { type: set, set: { result: \"state.item\" } }"), "none", Map.of()).state().get("results"))
        .isEqualTo(List.of());
    String anyOver = map("node: { type: set, set: { result: \"state.item\" } }").replace("items:   { type: list }", "items: { type: any }");
    RunResult r = run(anyOver, "scalar", Map.of("items", "not a list"));
    assertThat(r.detail()).containsEntry("kind", "type_error").containsEntry("node", "m");
  }

  @Test
  void anItemOfTheWrongTypeFailsItsRun() throws Exception {
    String typed = map("node: { type: set, set: { result: \"state.item\" } }").replace("item:    { type: any }",
        "item: { type: integer }");
    RunResult r = run(typed, "t", Map.of("items", List.of(1, "two")));
    assertThat(r.detail()).containsEntry("kind", "type_error");
    assertThat((String) r.detail().get("message")).contains("item 1 of 2").contains("expects integer");
  }
}
